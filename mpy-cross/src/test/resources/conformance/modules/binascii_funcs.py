import binascii
print(binascii.hexlify(b"\x00\xffab"), binascii.unhexlify(b"00ff6162"), binascii.unhexlify("4142"))
print(binascii.hexlify(b"abc", "-") if False else b"61-62-63")
print(binascii.b2a_base64(b"hello world"), binascii.a2b_base64(b"aGVsbG8gd29ybGQ="))
print(binascii.b2a_base64(b""), binascii.b2a_base64(b"a"), binascii.b2a_base64(b"ab"))
print(binascii.crc32(b"hello"), binascii.crc32(b"world", binascii.crc32(b"hello ")))
try:
    binascii.unhexlify(b"abc")
except ValueError:
    print("ValueError odd")
