buf = bytearray(range(16))
mv = memoryview(buf)
head = mv[:4]
tail = mv[12:]
print(bytes(head), bytes(tail), len(head))
tail[0] = 200
head[1:3] = b"\xaa\xbb"
print(list(buf[:4]), buf[12])
print(bytes(mv[4:8]) == bytes(buf[4:8]))
mid = mv[4:12][2:4]
print(bytes(mid))
print(memoryview(b"xyz")[1], bytes(memoryview(b"xyz")[1:]))
