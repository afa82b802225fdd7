# MicroPython differs: str(obj, encoding) decodes any object with the buffer protocol, a str too
import array

print(str(bytearray(b"ab\0"), "utf-8"))
print(str(memoryview(b"abcd")[1:3], "utf-8"))
print(str(array.array("b", [65, 66]), "utf-8"))
print(str("abc", "utf-8"))
try:
    str(5, "utf-8")
except TypeError as e:
    print("TypeError", e)
