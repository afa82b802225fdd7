import io
l = [1, 2, 3, None]
l[-1] = l
try:
    print(l, file=io.StringIO())
    print("no error")
except RuntimeError as e:
    print("RuntimeError", e)
try:
    print(repr(l)[:20])
except RuntimeError as e:
    print("RuntimeError", e)
d = {}
d['me'] = d
try:
    str(d)
except RuntimeError as e:
    print("RuntimeError", e)
