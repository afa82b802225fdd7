# Runs on any MicroPython board, and on mpt's virtual board when none is attached:
#   scripts/mpt run examples/hello.py
import sys

print("Hello from", sys.implementation.name, "%d.%d.%d" % sys.implementation.version[:3],
      "on", sys.platform)

squares = [n * n for n in range(10)]
print("squares:", squares, "sum:", sum(squares))


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print("fib(90) =", fib(90))
