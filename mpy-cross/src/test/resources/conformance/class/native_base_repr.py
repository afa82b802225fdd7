# MicroPython differs: a subclass of a native type without a print slot prints as <Cls object at ...>
import framebuf, collections, io
def show(base, *args):
    class S(base):
        pass
    o = S(*args)
    r = repr(o)
    if " at " in r:
        r = r[:r.index(" at ")] + " at ...>"
    elif "0x" in r:
        r = r[:r.index("0x")] + "0x...>"
    print(base.__name__, r, str(o) == repr(o))
show(framebuf.FrameBuffer, bytearray(8), 8, 8, framebuf.MONO_VLSB)
show(collections.deque, (), 5)
show(io.StringIO)
show(io.BytesIO)
show(list, [1])
show(dict)
show(int, 5)
show(bytearray, b"x")
show(object)
