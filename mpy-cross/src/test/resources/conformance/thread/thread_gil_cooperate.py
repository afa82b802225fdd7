# MicroPython differs: time.ticks_ms and time.sleep_ms are MicroPython's
# threads run in turn: a thread that never blocks still lets the others run (the main thread
# spins on a flag another thread sets), and sleeps in several threads overlap
import _thread
import time

flag = False


def setter():
    global flag
    x = 0
    for i in range(1000):
        x += i
    flag = True


_thread.start_new_thread(setter, ())
spins = 0
while not flag:
    spins += 1
print("flag seen", flag)

# five threads each sleeping 200 ms take about 200 ms together, not a second
lock = _thread.allocate_lock()
woke = []


def sleeper(i):
    time.sleep_ms(200)
    with lock:
        woke.append(i)


t0 = time.ticks_ms()
for i in range(5):
    _thread.start_new_thread(sleeper, (i,))
while True:
    with lock:
        if len(woke) == 5:
            break
    time.sleep_ms(5)
dt = time.ticks_diff(time.ticks_ms(), t0)
print(sorted(woke), dt < 900)

# a thread busy computing and the main thread sleeping: the sleep ends on time
busy_done = False


def busy():
    n = 0
    while not busy_done:
        n += 1


_thread.start_new_thread(busy, ())
t0 = time.ticks_ms()
time.sleep_ms(100)
dt = time.ticks_diff(time.ticks_ms(), t0)
busy_done = True
print("slept", 90 <= dt < 600)
