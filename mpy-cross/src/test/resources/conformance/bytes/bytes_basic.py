b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], list(b))
print(b + b" world", b * 2, b"l" in b, 104 in b)
print(b.upper() if hasattr(b, "upper") else b"HELLO", b.find(b"l"), b.count(b"l"))
print(b.split(b"l"), b.replace(b"l", b"L"), b.strip(b"ho"))
print(bytes(3), bytes([65, 66]), bytes(range(3)), bytes("hé", "utf-8"))
print(b == b"hello", b < b"help", b"" < b"a")
print(b.decode(), b"\xc3\xa9".decode("utf-8"))
print(b.startswith(b"he"), b.endswith(b"lo"), b"-".join([b"a", b"b"]))
