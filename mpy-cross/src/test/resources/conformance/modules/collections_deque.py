from collections import deque
d = deque((), 5)
for i in range(7):
    d.append(i)
print(list(d), len(d))
print(d.popleft(), d.pop(), list(d))
d.appendleft(-1) if hasattr(d, "appendleft") else d.insert(0, -1)
print(list(d))
e = deque([1, 2, 3], 10)
e.extend([4, 5]) if hasattr(e, "extend") else [e.append(v) for v in (4, 5)]
print(list(e), 3 in list(e))
try:
    deque((), 2).popleft()
except IndexError:
    print("IndexError empty")
