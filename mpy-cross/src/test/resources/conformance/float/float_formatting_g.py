# MicroPython differs: "%.0g" % 25.0 rounds the half up to 3e+01
for v in [0.0001, 0.00001, 123456, 1234567, 1e16, 0.5, 100.0, 1.0e-20]:
    print("%g|%.3g|%.10g" % (v, v, v))
print("{:g}".format(1.5), "{:.2g}".format(1234.5))
for v in [1.0, 10.0, 1e5, 1e6, 1e-4, 1e-5, 0.1, 1 / 3, 2.5, -0.000123456]:
    print("%g %.2g %.6g %G" % (v, v, v, v))
print("{:g}|{:10g}|{:<10g}|{:+g}".format(3.5, 3.5, 3.5, 3.5))
print("%.1g %.0g" % (0.15, 25.0))
