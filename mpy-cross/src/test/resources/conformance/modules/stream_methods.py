# MicroPython differs: a stream is its own iterator; files have readlines and fileno, in-memory streams getvalue
import io
for s in (io.StringIO("a\nb\n"), io.BytesIO(b"a\nb\n")):
    print(next(s), s.__next__(), hasattr(s, "readlines"), hasattr(s, "fileno"), hasattr(s, "getvalue"))
    try:
        next(s)
    except StopIteration:
        print("StopIteration")
with open("sm.txt", "w") as f:
    f.write("x\ny\n")
with open("sm.txt") as f:
    print(next(f), hasattr(f, "readlines"), hasattr(f, "fileno"), hasattr(f, "getvalue"), f.readlines())
import os
os.remove("sm.txt")
