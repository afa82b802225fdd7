from collections import deque
d = deque([1, 2, 3], 3)
d.append(4)
print(list(d), len(d), bool(d))
print(d.popleft(), list(d))
d.append(5)
d.append(6)
print(list(d))
while d:
    d.pop()
print(len(d), bool(d))
