try:
    b"abc"[0] = 1
except TypeError:
    print("TypeError immutable")
try:
    bytes([256])
except ValueError:
    print("ValueError range")
try:
    b"\xff".decode()
except UnicodeError:
    print("UnicodeError")
