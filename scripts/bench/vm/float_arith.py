# Float-heavy loop: a small n-body-like integration of points around a centre.
import math


def bench():
    n = 40
    xs = [math.cos(i) * (1 + i * 0.05) for i in range(n)]
    ys = [math.sin(i) * (1 + i * 0.05) for i in range(n)]
    vx = [0.0] * n
    vy = [0.0] * n
    dt = 0.01
    for step in range(1500):
        for i in range(n):
            x = xs[i]
            y = ys[i]
            r2 = x * x + y * y + 0.01
            inv = 1.0 / (r2 * math.sqrt(r2))
            vx[i] -= x * inv * dt
            vy[i] -= y * inv * dt
        for i in range(n):
            xs[i] += vx[i] * dt
            ys[i] += vy[i] * dt
    energy = 0.0
    for i in range(n):
        energy += 0.5 * (vx[i] * vx[i] + vy[i] * vy[i])
    return round(energy, 6)
