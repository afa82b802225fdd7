a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None, 1 in a, 3 not in a)
print("ab" in "cabd", "" in "", (1, 2) in [(1, 2)])
print({1: 2}.get(1) is not None)
x = 1000
y = 999 + 1
print(x == y)
print([] == [], [] is [], () == ())
