d = {}
for w in "the cat and the hat and the bat".split():
    d[w] = d.get(w, 0) + 1
for k in sorted(d):
    print(k, d[k])
print(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))
total = 0
for v in d.values():
    total += v
print(total)
