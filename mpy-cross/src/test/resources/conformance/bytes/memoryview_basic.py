data = bytearray(b"0123456789")
mv = memoryview(data)
print(len(mv), mv[0], bytes(mv[2:5]))
mv[0] = 65
print(data)
sub = mv[5:]
sub[0] = 66
print(data, bytes(sub))
ro = memoryview(b"abc")
try:
    ro[0] = 1
except TypeError:
    print("TypeError readonly")
print(list(memoryview(b"xy")))
print(bytes(mv[::1]) == bytes(data))
