# MicroPython differs: center() puts the odd extra space on the left
print("  pad  ".strip() + "|", "  pad  ".lstrip() + "|", "  pad  ".rstrip() + "|")
print("xxhixx".strip("x"), "abcba".strip("ab"), "--a--".lstrip("-"))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
print("hello".replace("l", "L"), "mississippi".replace("ss", "SS"))
print("abc".center(9) + "|", "ab".center(7) + "|")
