def pair():
    state = []
    def push(x):
        state.append(x)
    def snapshot():
        return list(state)
    return push, snapshot
push, snap = pair()
push(1); push(2)
print(snap())
def accumulator(start):
    total = start
    def add(x):
        nonlocal total
        total += x
        return total
    def reset():
        nonlocal total
        total = start
    return add, reset
add, reset = accumulator(10)
print(add(1), add(2))
reset()
print(add(0))
