ba = bytearray(b"hello")
ba[0:1] = b"J"
print(ba)
ba.extend(b" world")
print(ba, ba.find(b"world"), ba.count(b"o"))
ba2 = ba[:]
ba2[0] = ord("j")
print(ba, ba2)
print(bytearray(b"abc") + b"def")
print(bytearray(b"abc") == b"abc", list(bytearray(3)))
print(bytearray(b"a b c").split(b" "))
