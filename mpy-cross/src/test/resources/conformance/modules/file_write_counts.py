# MicroPython differs: write() answers the bytes written, a str's UTF-8 bytes too, on text and binary files alike
import io
f = open("t.txt", "w"); print(f.write("h\u00e9")); f.close()
f = open("t.bin", "wb"); print(f.write("h\u00e9")); f.close()
print(open("t.txt").read(), open("t.bin", "rb").read())
s = io.StringIO(); print(s.write("h\u00e9"), s.getvalue())
b = io.BytesIO(); print(b.write("h\u00e9"), b.getvalue())
