n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
a, b = 0, 1
while b < 1000:
    a, b = b, a + b
print(a, b)
stack = [1]
seen = 0
while stack:
    v = stack.pop()
    seen += 1
    if v < 20:
        stack.extend([v * 2, v * 3])
print(seen)
