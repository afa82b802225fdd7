s = "python"
print(s[0], s[-1], s[1:4], s[:2], s[4:], len(s))
print(list(s), [c for c in s if c in "aeiou"])
print(s * 2, 3 * "ab", "a" + s)
try:
    s[10]
except IndexError:
    print("IndexError")
try:
    s[0] = "P"
except TypeError:
    print("TypeError immutable")
print(min(s), max(s), sorted(s))
print(ord("a"), chr(97), ord("\u20ac"), chr(8364))
