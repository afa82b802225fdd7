print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]))
print(any(x > 2 for x in range(4)), all(isinstance(x, int) for x in [1, 2]))
print(any("abc"), all(""), any([[], None, 0]))
class Truthy:
    def __init__(self, v, log):
        self.v = v
        self.log = log
    def __bool__(self):
        self.log.append(self.v)
        return bool(self.v)
log = []
print(any(Truthy(v, log) for v in [0, 0, 3, 4]), log)
log = []
print(all(Truthy(v, log) for v in [1, 2, 0, 5]), log)
print(any(iter([])), all(iter([])), any([None, ()]), all([1.5, "x", [0]]))
print(all(x < 10 for x in range(10)), any(c.isdigit() for c in "abc1"))
matrix = [[1, 2], [3, 0]]
print([all(row) for row in matrix], any(any(row) for row in matrix))
