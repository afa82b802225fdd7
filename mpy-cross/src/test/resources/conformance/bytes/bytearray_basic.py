ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
print(ba, len(ba))
ba[0] = 65
print(ba, ba[0], ba[1:3])
ba[1:3] = b"XYZ"
print(ba)
print(bytearray(4), bytearray([1, 2]), bytearray("hi", "utf-8"))
ba2 = bytearray(b"xyz")
ba2 += b"!"
print(ba2, ba2 == b"xyz!", bytes(ba2))
print(list(ba2))
print(ba2.decode(), ba2.find(b"y"))
