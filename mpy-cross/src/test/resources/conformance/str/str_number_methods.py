print("123".isdigit(), "12.3".isdigit(), "-1".isdigit(), "".isdigit())
print("  x ".isspace(), " \t\n".isspace())
print("Hello".isupper(), "HELLO".isupper(), "hello".islower(), "hello1".islower())
print("abc123".isalpha(), "abc".isalpha())
print(str(1_000), int("0012"), float("0012.50"))
def classify(s):
    kinds = []
    if s.isdigit():
        kinds.append("digit")
    if s.isalpha():
        kinds.append("alpha")
    if s.isspace():
        kinds.append("space")
    if s.isupper():
        kinds.append("upper")
    if s.islower():
        kinds.append("lower")
    return kinds
for s in ["123", "abc", "ABC", "aBc", "   ", "a1", "", "Z"]:
    print(repr(s), classify(s))
