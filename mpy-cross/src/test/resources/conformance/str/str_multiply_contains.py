print("-" * 20)
print("ab" * 0, "ab" * -1, repr("" * 5))
print("ell" in "hello", "xyz" in "hello", "h" in "hello")
print("abcabc".count("abc"), "aaaa".count("aa"))
print("a,b".split(",") * 2)
border = "+" + "-" * 8 + "+"
print(border)
print("|" + "cell".center(8) + "|")
print(border)
for sub in ["", "a", "ab", "abc", "ba", "abcd"]:
    print(repr(sub), sub in "abcabc", "abcabc".count(sub) if sub else "-", "abcabc".find(sub))
print("x" * 3 + "y" * 2, "-" * 0 == "")
