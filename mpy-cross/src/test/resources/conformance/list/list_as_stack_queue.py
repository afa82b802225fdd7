stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print(stack.pop(), end=" ")
print()
queue = list("abcde")
out = []
while queue:
    out.append(queue.pop(0))
    if len(out) == 2:
        queue.append("z")
print(out)
