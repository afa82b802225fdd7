# MicroPython differs: a built-in int or float operation does not take an instance of an int
# or float subclass as its right operand (CPython converts it); the instance on the left works.
class A(int):
    pass


class F(float):
    pass


class R(int):
    def __radd__(self, other):
        return "radd"


def t(label, fn):
    try:
        print(label, fn())
    except TypeError as e:
        print(label, "TypeError", e)


a = A(2)
f = F(1.5)
t("a+a", lambda: a + a)
t("a+1", lambda: a + 1)
t("a+1.5", lambda: a + 1.5)
t("1+a", lambda: 1 + a)
t("1.5+a", lambda: 1.5 + a)
t("True+a", lambda: True + a)
t("big+a", lambda: (1 << 70) + a)
t("5-a", lambda: 5 - a)
t("5**a", lambda: 5 ** a)
t("5&a", lambda: 5 & a)
t("5//a", lambda: 5 // a)
t("5/a", lambda: 5 / a)
t("5%a", lambda: 5 % a)
t("5<<a", lambda: 5 << a)
t("5>=a", lambda: 5 >= a)
t("5.0<a", lambda: 5.0 < a)
t("pow", lambda: pow(5, a))
t("1+f", lambda: 1 + f)
t("1.0+f", lambda: 1.0 + f)
t("f+1", lambda: f + 1)
t("1+R", lambda: 1 + R(3))
t("eq", lambda: (a == 2, 2 == a, 2 != a))
t("seq", lambda: ([1] * a, "ab" * a, a * "xy", list(range(a)), [7, 8, 9][a]))
t("int(a)", lambda: (type(int(a)), int(a) + 1))
x = 5
try:
    x += a
except TypeError as e:
    print("+=", e)
