print(abs(-7), abs(7.25), abs(-3 + 4j))
class Absy:
    def __abs__(self):
        return "absolute"
print(abs(Absy()))
class Neg:
    def __neg__(self):
        return "negated"
    def __pos__(self):
        return "positive"
    def __invert__(self):
        return "inverted"
print(-Neg(), +Neg(), ~Neg())
