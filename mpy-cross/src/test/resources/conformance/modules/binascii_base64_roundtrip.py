import binascii
for data in [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(0, 256, 17))]:
    enc = binascii.b2a_base64(data)
    print(enc, binascii.a2b_base64(enc) == data)
print(binascii.hexlify(bytes(range(8))))
print(binascii.unhexlify("DEADbeef"))
