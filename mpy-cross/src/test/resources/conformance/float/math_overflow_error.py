# MicroPython differs: a math function whose result overflows raises ValueError("math domain
# error"), as for a domain error (CPython raises OverflowError)
import math
for f in (lambda: math.exp(1000), lambda: math.cosh(1000), lambda: math.pow(10.0, 400), lambda: math.expm1(1000),
          lambda: math.sinh(1000), lambda: math.log(0), lambda: math.exp(float("inf")), lambda: 10.0 ** 400):
    try:
        print(f())
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
