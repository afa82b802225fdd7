print(chr(65), chr(0x3b1), ord("A"), ord("\n"), ord("\u03b1"))
print(hex(255), hex(-1), hex(0), oct(8), oct(-8), bin(5), bin(0), bin(-3))
print(hex(2 ** 64), bin(2 ** 33))
try:
    chr(-1)
except ValueError:
    print("ValueError chr")
