class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Pt(%d,%d)" % (self.x, self.y)
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __gt__(self, o):
        return o < self
pts = [Pt(2, 1), Pt(0, 5), Pt(2, 0)]
print(pts, sorted(pts), min(pts), max(pts))
print({"origin": Pt(0, 0)}, (Pt(1, 1),))
