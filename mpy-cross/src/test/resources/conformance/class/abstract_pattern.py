class Shape:
    def area(self):
        raise NotImplementedError
    def describe(self):
        return "%s with area %.2f" % (type(self).__name__, self.area())
class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
for s in [Rect(2, 3), Circle(1)]:
    print(s.describe())
try:
    Shape().describe()
except NotImplementedError:
    print("NotImplementedError")
