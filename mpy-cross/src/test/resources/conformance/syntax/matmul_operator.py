class M:
    def __init__(self, rows):
        self.rows = rows
    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return M([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    def __repr__(self):
        return "M(%r)" % (self.rows,)
a = M([[1, 2], [3, 4]])
b = M([[0, 1], [1, 0]])
print(a @ b)
print(b @ a)
try:
    1 @ 2
except TypeError:
    print("TypeError int @ int")
