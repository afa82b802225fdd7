s = "abcdef"
it = iter(s)
print(next(it), next(it), list(it))
print(list(reversed(s)), list(enumerate("xy")))
print(list(zip(s, s[1:])))
print("".join(sorted(set("mississippi"))))
print(dict(zip("ab", "xy")) == {"a": "x", "b": "y"})
print(tuple(map(str.upper, ["a", "b"])))
