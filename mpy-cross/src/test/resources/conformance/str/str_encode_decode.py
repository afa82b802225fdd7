s = "Grüße"
b = s.encode("utf-8")
print(b, len(b), b.decode("utf-8") == s)
print("abc".encode(), b"abc".decode("ascii"))
print(bytes("x", "utf8"), str(b"\xc3\xbc", "utf-8") == "ü")
print(len("ü".encode()), len("€".encode()), len("😀".encode()))
