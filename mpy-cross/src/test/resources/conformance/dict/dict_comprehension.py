squares = {x: x * x for x in range(6)}
print(sorted(squares.items()))
inv = {v: k for k, v in squares.items()}
print(inv[16], inv[25])
evens = {k: v for k, v in squares.items() if k % 2 == 0}
print(sorted(evens))
words = ["apple", "bob", "cat", "apple"]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
nested = {i: {j: i * j for j in range(3)} for i in range(2)}
print(nested[1][2], len(nested))
