print(int("42"), int("-17"), int("  8  "), int("0x1f", 16), int("1f", 16))
print(int("777", 8), int("101", 2), int("z", 36), int("0b11", 0), int("0o17", 0))
print(int(3.99), int(-3.99), int(True), int("1_000"))
print(int("123456789012345678901234567890"))
for bad in ["", "abc", "1.5", "12a"]:
    try:
        int(bad)
    except ValueError:
        print("ValueError", repr(bad))
print(int(), int(10 ** 20 + 0.0) == 10 ** 20)
