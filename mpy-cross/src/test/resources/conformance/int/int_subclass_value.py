# An instance of a subclass of int acts as its value where an int is taken: as an index, in
# abs(), in operations with it on the left, in comparisons for equality.
class A(int):
    pass


a = A(5)
print(abs(A(-3)), [10, 20, 30][A(1)], "ab"[A(0)], a + 1, a * 2, -a, a == 5, 5 == a, hash(a))


class F(float):
    pass


print(abs(F(-2.5)), F(1.5) + 1)
