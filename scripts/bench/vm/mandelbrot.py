# Mandelbrot set membership on a small grid, with float arithmetic only.

def bench(w=60, h=40, max_iter=60):
    inside = 0
    for py in range(h):
        ci = py * 2.4 / h - 1.2
        for px in range(w):
            cr = px * 3.2 / w - 2.2
            zr = 0.0
            zi = 0.0
            i = 0
            while i < max_iter and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            if i == max_iter:
                inside += 1
    return inside
