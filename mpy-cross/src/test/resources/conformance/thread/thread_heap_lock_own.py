# MicroPython differs: the micropython module (heap_lock) is MicroPython's
# micropython.heap_lock() belongs to the thread that takes it: another thread allocates
# freely meanwhile, and the lock holds again when the main thread runs on
import _thread
import micropython

go = _thread.allocate_lock()
back = _thread.allocate_lock()
go.acquire()
back.acquire()


def other():
    go.acquire()
    print("other thread", [i * i for i in range(4)])
    back.release()


_thread.start_new_thread(other, ())
micropython.heap_lock()
go.release()
back.acquire()
try:
    x = [1, 2, 3]
except MemoryError:
    got = "MemoryError"
else:
    got = "allocated"
depth = micropython.heap_unlock()
print("main thread", got, depth)
