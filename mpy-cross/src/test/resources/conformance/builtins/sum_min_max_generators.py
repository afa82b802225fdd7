print(sum(i * i for i in range(10)), min(i % 7 for i in range(10, 20)), max((c for c in "hello")))
data = [("a", 3), ("b", 1), ("c", 2)]
print(max(data, key=lambda t: t[1])[0], min(data, key=lambda t: t[1])[0])
print(sorted(data, key=lambda t: t[1], reverse=True))
print(sum([0.1, 0.2, 0.3]) > 0.6, sum(range(1000)))
