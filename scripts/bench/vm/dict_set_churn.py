# Dict and set churn: inserts, lookups, deletes and set algebra on int and str keys.

def bench():
    d = {}
    for i in range(6000):
        d["k" + str(i)] = i
    hits = 0
    for i in range(0, 9000, 3):
        if ("k" + str(i)) in d:
            hits += 1
    for i in range(0, 6000, 2):
        del d["k" + str(i)]
    counts = {}
    for i in range(6000):
        key = i % 97
        counts[key] = counts.get(key, 0) + 1
    a = set(range(0, 5000, 2))
    b = set(range(0, 5000, 3))
    for i in range(2000):
        a.add(i * 5 % 5000)
        b.discard(i)
    both = a & b
    either = a | b
    only = a - b
    return hits, len(d), len(counts), len(both), len(either), len(only)
