inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf != inf - inf, inf * 0 != inf * 0)
print(-inf, abs(-inf), 1 / inf, -1 / inf)
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1.0), math.isfinite(inf))
print(math.copysign(1.0, -0.0), math.copysign(2, 3))
