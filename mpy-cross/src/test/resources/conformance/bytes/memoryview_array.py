import array
a = array.array("h", [1, -2, 300])
mv = memoryview(a)
print(len(mv), mv[1], mv[2])
mv[0] = 7
print(a)
m8 = memoryview(bytearray(4))
m8[1:3] = b"\x01\x02"
print(bytes(m8))
