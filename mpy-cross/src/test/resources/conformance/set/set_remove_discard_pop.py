s = {10, 20, 30}
s.discard(20)
s.discard(99)
print(sorted(s))
try:
    s.remove(20)
except KeyError as e:
    print("KeyError", e.args[0])
total = 0
while s:
    total += s.pop()
print(total, s, len(s))
try:
    s.pop()
except KeyError:
    print("KeyError pop empty")
