# MicroPython differs: _thread.start_new_thread's checks and messages are MicroPython's
# _thread.start_new_thread: positional arguments from a tuple or a list, keyword arguments
# from a dict, the identifier it returns is the one get_ident() gives in the thread
import _thread
import time

lock = _thread.allocate_lock()
seen = {}


def record(key, a, b=0, *, c="-"):
    with lock:
        seen[key] = (a, b, c, _thread.get_ident())


ids = {}
ids["tuple"] = _thread.start_new_thread(record, ("tuple", 1, 2))
ids["list"] = _thread.start_new_thread(record, ["list", 3])
ids["kw"] = _thread.start_new_thread(record, ("kw", 5), {"b": 6, "c": "x"})
while True:
    with lock:
        if len(seen) == 3:
            break
    time.sleep_ms(1)
for key in sorted(seen):
    a, b, c, ident = seen[key]
    print(key, a, b, c, ident == ids[key], type(ident) is int)
main = _thread.get_ident()
print("main ident", type(main) is int, main not in ids.values())
print(len(set(ids.values())))

for bad in [(record, 1), (record, "ab"), (record, (), [1]), (record, (), 5)]:
    try:
        _thread.start_new_thread(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    _thread.start_new_thread(record)
except TypeError:
    print("TypeError missing args")
