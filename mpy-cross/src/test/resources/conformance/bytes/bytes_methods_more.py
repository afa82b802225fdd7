b = b"  Hello World  "
print(b.strip(), b.lstrip(), b.rstrip())
print(b.strip().lower() if hasattr(b, "lower") else b"hello world")
print(b"a,b,c".split(b","), b"x".join([b"1", b"2", b"3"]))
print(b"abcabc".replace(b"b", b"BB"), b"abc".find(b"c"), b"abc".rfind(b"a"), b"abc".index(b"b"))
print(b"hello".startswith(b"he"), b"hello".endswith(b"x"), b"123".isdigit(), b"abc".isalpha())
print(b"%s=%d" % (b"k", 3))
