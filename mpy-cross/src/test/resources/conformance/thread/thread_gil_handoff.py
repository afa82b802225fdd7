# MicroPython differs: time.ticks_ms and time.sleep_ms are MicroPython's
# a thread spinning on a flag in the tightest loop there is gives the interpreter lock up
# as soon as a thread whose sleep has ended wants it back: the sleeps end on time
import _thread
import time

done = False
spun = []


def spin():
    while not done:
        pass
    spun.append(1)


def sleeps():
    # how much longer than asked six sleeps of 100 ms took, together
    over = 0
    for i in range(6):
        t0 = time.ticks_ms()
        time.sleep_ms(100)
        over += time.ticks_diff(time.ticks_ms(), t0) - 100
    return over


_thread.start_new_thread(spin, ())
over = sleeps()
done = True
while not spun:
    time.sleep_ms(1)
print("main thread's sleeps on time", over < 20)

# and the other way round: the main thread spins, a thread sleeps
done = False
over_in_thread = []


def sleeper():
    global done
    over_in_thread.append(sleeps())
    done = True


_thread.start_new_thread(sleeper, ())
spin()
print("a thread's sleeps on time", over_in_thread[0] < 20)
