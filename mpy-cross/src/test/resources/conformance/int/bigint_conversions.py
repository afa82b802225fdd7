n = 2 ** 130 + 12345
print(str(n), hex(n), oct(n), bin(n)[:20])
print(int(hex(n), 16) == n, int(oct(n), 8) == n, int(bin(n), 2) == n)
print(float(2 ** 100), int(float(2 ** 60)) == 2 ** 60)
print(n.to_bytes(17, "big")[:4], int.from_bytes(n.to_bytes(17, "little"), "little") == n)
print(-n, abs(-n) == n, -n < 0)
print("%d" % n, "{:x}".format(n))
