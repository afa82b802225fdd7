# MicroPython differs: "{:.0f}" rounds halves away from zero
x = 3.14159265
print("%.0f %.1f %.3f %.6f" % (x, x, x, x))
print("%e %.2e %g %G" % (x, x, x, 1e-10))
print("{:.2f} {:10.4f} {:<10.1f}| {:+.2f}".format(x, x, x, x))
print("{:e} {:.3g} {:g} {:g}".format(12345.6789, 12345.6789, 0.0001, 1e20))
print("%5.1f%%" % 99.5)
print(f"{x:.5} {x:8.2f} {-x:.2f}")
print("{:.0f} {:.0f} {:.0f}".format(0.5, 1.5, 2.5))
