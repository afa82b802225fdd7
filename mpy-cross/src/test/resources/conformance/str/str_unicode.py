# MicroPython differs: upper() leaves non-ASCII letters alone; repr escapes non-ASCII code points
s = "héllo wörld €"
print(len(s), s.upper(), s[1], s[-1])
print(s.encode("utf-8"))
print(len(s.encode()))
b = "日本語".encode()
print(b, len(b), b.decode())
print("€" * 3, ord("é"), "\u00e9" == "é")
print(list("añb"))
print(s.find("ö"), s.split(" "))
