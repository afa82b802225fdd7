print(sorted([3, 1, 2]), sorted("bca"), sorted({2: 0, 1: 0}))
print(sorted([3, 1, 2], reverse=True), sorted(["B", "a", "C"], key=str.lower))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))))
print(list(reversed((1, 2))))
class R:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(R())))
