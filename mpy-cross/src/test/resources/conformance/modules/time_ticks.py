# MicroPython differs: time.ticks_* exist only in MicroPython
import time
t0 = time.ticks_ms()
time.sleep_ms(20)
dt = time.ticks_diff(time.ticks_ms(), t0)
print(15 <= dt < 1000)
u0 = time.ticks_us()
time.sleep_us(100)
print(time.ticks_diff(time.ticks_us(), u0) >= 90)
print(time.ticks_add(100, 50), time.ticks_diff(150, 100), time.ticks_diff(100, 150))
big = time.ticks_add(0, -1)
print(time.ticks_diff(0, big), time.ticks_diff(big, 0))
print(type(time.time()).__name__ in ("int", "float"))
