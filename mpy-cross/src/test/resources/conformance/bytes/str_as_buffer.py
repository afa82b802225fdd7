# MicroPython differs: a str is a read-only buffer of its UTF-8 bytes wherever a buffer is taken
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
import binascii, hashlib, struct, io
t("memoryview", lambda: bytes(memoryview("h\u00e9llo")[1:3]))
t("len", lambda: len(memoryview("h\u00e9")))
t("hexlify", lambda: binascii.hexlify("ab"))
t("sha256", lambda: hashlib.sha256("ab").digest()[:4])
t("crc32", lambda: binascii.crc32("ab"))
t("in", lambda: "y" in b"xyz")
t("BytesIO", lambda: io.BytesIO("ab").read())
t("unpack", lambda: struct.unpack("<H", "ab"))
t("str", lambda: str(memoryview("ab"), "utf-8"))
t("extend", lambda: (lambda b: (b.extend("y\u00e9"), b)[1])(bytearray(b"x")))
t("extend list", lambda: (lambda b: (b.extend([1, 2]), b)[1])(bytearray()))
t("extend int", lambda: bytearray().extend(5))
t("startswith", lambda: (b"abc".startswith("a"), b"abc".startswith(("x", "a")), "abc".startswith(b"a")))
t("endswith", lambda: (b"abc".endswith("c"), b"abc".endswith(("c",)), "abc".endswith(b"c")))
# still refused: a str where bytes are searched or built
t("bytes", lambda: bytes("abc"))
t("find", lambda: b"xyz".find("y"))
t("strip", lambda: b"abc".strip("a"))
