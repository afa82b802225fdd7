from collections import namedtuple, deque, OrderedDict
Edge = namedtuple("Edge", "src dst w")
edges = [Edge("a", "b", 1), Edge("b", "c", 2), Edge("a", "c", 5)]
adj = OrderedDict()
for e in edges:
    adj.setdefault(e.src, []).append(e)
print(list(adj.keys()), [e.dst for e in adj["a"]])
q = deque((), 10)
q.append("a")
seen = ["a"]
while q:
    n = q.popleft()
    for e in adj.get(n, []):
        if e.dst not in seen:
            seen.append(e.dst)
            q.append(e.dst)
print(seen)
print(sum(e.w for e in edges))
