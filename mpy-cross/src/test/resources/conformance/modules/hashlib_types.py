# MicroPython differs: hashlib's algorithms are types named for themselves, with update and digest
import hashlib
print(hashlib.sha256, type(hashlib.sha256), hashlib.sha256.__name__)
class S0:
    pass
h = hashlib.sha256(b"a")
print(type(h), isinstance(h, hashlib.sha256), isinstance(h, S0), h)
class S(hashlib.sha256):
    pass
print(S(b"x").digest() == hashlib.sha256(b"x").digest())
h.digest()
for f in (h.digest, lambda: h.update(b"x")):
    try:
        f()
    except ValueError as e:
        print(e)
