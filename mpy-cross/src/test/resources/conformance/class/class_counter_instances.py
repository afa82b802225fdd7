class Node:
    count = 0
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
        Node.count += 1
def build(xs):
    head = None
    for x in reversed(xs):
        head = Node(x, head)
    return head
def walk(n):
    out = []
    while n:
        out.append(n.val)
        n = n.nxt
    return out
def rev(n):
    prev = None
    while n:
        n.nxt, prev, n = prev, n, n.nxt
    return prev
h = build([1, 2, 3, 4])
print(walk(h), Node.count)
print(walk(rev(h)))
