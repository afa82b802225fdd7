s = set()
for i in range(1000):
    s.add(i * 7 % 1000)
print(len(s))
t = set(range(0, 1000, 2))
print(len(s & t), len(s - t), len(s | set(range(2000))))
for i in range(500):
    s.discard(i)
print(len(s), min(s), max(s))
