import hashlib
import binascii
data = bytes(range(256)) * 10
whole = hashlib.sha256(data).digest()
h = hashlib.sha256()
for i in range(0, len(data), 100):
    h.update(data[i:i + 100])
print(h.digest() == whole, len(whole))
print(binascii.hexlify(whole))
print(binascii.hexlify(hashlib.sha256(b"a" * 64).digest()))
print(binascii.hexlify(hashlib.sha256(b"a" * 55).digest()))
