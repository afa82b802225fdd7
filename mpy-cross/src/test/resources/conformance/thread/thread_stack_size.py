# MicroPython differs: _thread.stack_size() is MicroPython's (returns the previous size; no argument resets it to 0)
import _thread
import time

print(_thread.stack_size())
print(_thread.stack_size(16 * 1024))
print(_thread.stack_size(32 * 1024))
print(_thread.stack_size())
print(_thread.stack_size())

# threads started with a set size still run
_thread.stack_size(8 * 1024)
results = []


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def entry():
    results.append(depth(20))


_thread.start_new_thread(entry, ())
_thread.stack_size()
while not results:
    time.sleep_ms(1)
print(results)
