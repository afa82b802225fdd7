# MicroPython differs: the unix port's standard build has no str/bytes ljust, rjust, zfill,
# capitalize, title, swapcase or isalnum, no int.bit_length, float.is_integer,
# or BaseException.with_traceback: code must not rely on them.
print([m for m in ("ljust", "rjust", "zfill", "capitalize", "title", "swapcase", "isalnum", "center")
       if hasattr("", m)])
print([m for m in ("ljust", "rjust", "zfill", "isalnum", "center") if hasattr(b"", m)])
print(hasattr(1, "bit_length"), hasattr(1.0, "is_integer"), hasattr(ValueError(), "with_traceback"))


class Seq:
    def __getitem__(self, s):
        return hasattr(s, "indices"), s.start, s.stop, s.step


print(Seq()[1:5:2])
try:
    "abc".ljust(5)
except AttributeError as e:
    print("AttributeError:", e)
