words = "apple banana cherry avocado blueberry".split()
by_letter = {w[0] for w in words}
print(sorted(by_letter))
lens = {len(w) for w in words}
print(sorted(lens))
seen = set()
dups = []
for ch in "programming":
    if ch in seen:
        dups.append(ch)
    seen.add(ch)
print(dups, len(seen))
print({1, 2} == {2, 1}, {1} != {1, 2})
