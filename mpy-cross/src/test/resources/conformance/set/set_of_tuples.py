points = {(0, 0), (1, 2), (0, 0), (2, 1)}
print(len(points), (1, 2) in points, sorted(points))
def neighbours(p):
    x, y = p
    return {(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy}
print(len(neighbours((0, 0))), sorted(neighbours((5, 5)) & points))
visited = set()
frontier = [(0, 0)]
while frontier and len(visited) < 10:
    p = frontier.pop()
    if p in visited:
        continue
    visited.add(p)
    frontier.extend(sorted(n for n in neighbours(p) if abs(n[0]) + abs(n[1]) <= 1))
print(sorted(visited))
