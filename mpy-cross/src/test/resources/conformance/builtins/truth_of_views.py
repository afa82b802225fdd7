# The truth of buffer views and built-in containers follows their length, as a loop such as
# `while view: n = sock.write(view); view = view[n:]` relies on.
m = memoryview(b"abc")
print(bool(m), bool(m[1:]), bool(m[3:]), bool(m[:0]), len(m[3:]))
print(bool(memoryview(b"")), bool(memoryview(bytearray(2))), bool(memoryview(bytearray(2))[2:]))
view = memoryview(b"0123456789")
sent = []
while view:
    n = min(3, len(view))
    sent.append(bytes(view[:n]))
    view = view[n:]
print(sent)
import array
print(bool(array.array("i")), bool(array.array("i", [1])), bool(memoryview(array.array("h", [1, 2]))[2:]))
print(bool(range(0)), bool(range(3)), bool(b""), bool(bytearray()), bool(frozenset()))
print(bool({}.keys()), bool({1: 2}.values()), bool({}.items()))
import collections
print(bool(collections.deque((), 3)), bool(collections.OrderedDict()), bool(collections.OrderedDict(a=1)))
