b = b"\x00\x10\x20\xff"
print([x for x in b], sum(b), max(b))
print(bytes(x ^ 0xff for x in b))
print(b"".join([b"a", bytes([66]), bytearray(b"c")]))
checksum = 0
for x in b"hello world":
    checksum = (checksum * 31 + x) & 0xFFFF
print(checksum)
print(b"abc"[1], b"abc"[1:2], b"abc"[-1:])
