# MicroPython differs: the lock type is called 'lock' and releasing a free lock raises a bare RuntimeError
# _thread locks: acquire (blocking, non-blocking, with the timeout argument), release,
# locked, the context manager, and a lock released by a thread other than its holder
import _thread
import time

lock = _thread.allocate_lock()
print(type(lock).__name__, type(lock) is _thread.LockType)
print(lock.locked(), lock.acquire(), lock.locked())
print(lock.acquire(0), lock.acquire(False), lock.acquire(0, -1))
lock.release()
print(lock.locked(), lock.acquire(1, -1), lock.locked())
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError", repr(e))
with lock as got:
    print("with", got, lock.locked())
print("after with", lock.locked())
try:
    with lock:
        raise KeyError(1)
except KeyError:
    print("KeyError, released:", not lock.locked())

# a handshake: the main thread waits on a lock that another thread releases
ready = _thread.allocate_lock()
ready.acquire()
order = []


def worker():
    order.append("worker")
    ready.release()


_thread.start_new_thread(worker, ())
ready.acquire()
order.append("main")
print(order)

# mutual exclusion: counters updated under a lock by several threads
counter = [0]
done = _thread.allocate_lock()
finished = [0]


def add(n):
    for _ in range(n):
        with lock:
            counter[0] += 1
    with done:
        finished[0] += 1


for _ in range(4):
    _thread.start_new_thread(add, (2000,))
while True:
    with done:
        if finished[0] == 4:
            break
    time.sleep_ms(1)
print(counter[0])
