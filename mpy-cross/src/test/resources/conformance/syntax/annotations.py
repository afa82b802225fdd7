def f(a: int, b: str = "x") -> str:
    return b * a
print(f(3))
x: int = 5
print(x)
y: list
class P:
    name: str = "p"
    count: int
print(P.name)
def g(*args: int, **kw: str) -> None:
    print(args, kw)
g(1, 2, k="v")
