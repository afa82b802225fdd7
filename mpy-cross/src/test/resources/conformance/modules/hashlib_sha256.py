import hashlib
import binascii
h = hashlib.sha256()
print(binascii.hexlify(h.digest()))
h = hashlib.sha256(b"abc")
print(binascii.hexlify(h.digest()))
h2 = hashlib.sha256()
h2.update(b"a")
h2.update(b"bc")
print(h2.digest() == hashlib.sha256(b"abc").digest())
print(len(hashlib.sha256(b"x" * 1000).digest()))
print(binascii.hexlify(hashlib.sha256(b"The quick brown fox jumps over the lazy dog").digest()))
