grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], grid[2, 0], (3, 3) in grid, len(grid))
corners = [(0, 0), (0, 2), (2, 0), (2, 2)]
print([grid[p] for p in corners])
memo = {}
def paths(r, c):
    if (r, c) in memo:
        return memo[r, c]
    v = 1 if r == 0 or c == 0 else paths(r - 1, c) + paths(r, c - 1)
    memo[r, c] = v
    return v
print(paths(10, 10), len(memo))
