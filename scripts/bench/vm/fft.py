# Recursive radix-2 FFT on complex numbers, then an inverse transform to check.
import math


def fft(xs):
    n = len(xs)
    if n == 1:
        return list(xs)
    even = fft(xs[0::2])
    odd = fft(xs[1::2])
    out = [0j] * n
    for k in range(n // 2):
        angle = -2 * math.pi * k / n
        t = complex(math.cos(angle), math.sin(angle)) * odd[k]
        out[k] = even[k] + t
        out[k + n // 2] = even[k] - t
    return out


def ifft(xs):
    n = len(xs)
    conj = [complex(x.real, -x.imag) for x in xs]
    return [complex(y.real / n, -y.imag / n) for y in fft(conj)]


def bench():
    n = 512
    signal = [complex(math.sin(i * 0.1) + 0.5 * math.cos(i * 0.37), 0) for i in range(n)]
    spectrum = fft(signal)
    back = ifft(spectrum)
    err = 0.0
    for a, b in zip(signal, back):
        err += abs(a - b)
    return round(err, 6), round(abs(spectrum[5]), 3)
