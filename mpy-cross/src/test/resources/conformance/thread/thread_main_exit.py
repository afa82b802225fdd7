# MicroPython differs: time.ticks_ms and time.sleep_ms are MicroPython's
# when the main program ends the process ends: threads still running (busy, sleeping or
# waiting for a lock) are stopped and print nothing more
import _thread
import time

lock = _thread.allocate_lock()
lock.acquire()
started = []


def spin():
    started.append("spin")
    while True:
        pass


def sleep_forever():
    started.append("sleep")
    while True:
        time.sleep_ms(10)


def wait_lock():
    started.append("lock")
    lock.acquire()
    print("never printed")


for f in (spin, sleep_forever, wait_lock):
    _thread.start_new_thread(f, ())
while len(started) < 3:
    time.sleep_ms(1)
print(sorted(started))
print("main ends")
