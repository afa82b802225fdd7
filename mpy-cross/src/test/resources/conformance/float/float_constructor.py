print(float("1.5"), float("-2"), float("  3e2 "), float("inf"), float("-INF"))
print(float(3), float(2 ** 60), float("1e-3"), float(True))
for bad in ["", "x", "1.2.3"]:
    try:
        float(bad)
    except ValueError:
        print("ValueError", repr(bad))
print(float(".5"), float("5."), float("-.5e1"))
