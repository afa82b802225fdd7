# MicroPython differs: a bytearray item store keeps the low 8 bits of any int (CPython: ValueError).
# Subscripts of bytearray, bytes and tuple in a loop (the compiled code's fast paths): negative
# and out-of-range indexes, stores of ints out of 0..255, a bool, a float.

def f():
    b = bytearray(4)
    for i in range(-4, 4):
        b[i] = i * 100
    print(b)
    try:
        b[4] = 1
    except IndexError as e:
        print(e)
    try:
        b[0] = 1.5
    except TypeError as e:
        print("TypeError", e)
    b[1] = True
    print(b, b[-1], bytes(b)[-2], (1, 2, 3)[-1])
    try:
        print((1, 2)[2])
    except IndexError as e:
        print(e)
    try:
        print(b"ab"[-3])
    except IndexError as e:
        print(e)


for _ in range(3):
    f()
