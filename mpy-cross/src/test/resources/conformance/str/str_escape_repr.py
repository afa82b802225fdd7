for s in ["plain", "tab\t", "nl\n", "quote'", 'dq"', "both'\"", "back\\", "\x01", "\x7f"]:
    print(repr(s))
print(str("x\ty"))
print(len("\\n"), len("\n"))
samples = ["", "'", '"', "'\"", "\r", "\x00\x1f", "a\\b", "mixed 'q' and \"dq\""]
for s in samples:
    r = repr(s)
    print(r, len(s), eval(r) == s)
print("%r|%s" % ("x\ny", "x\ny"))
print([repr(c) for c in "a\tb"])
