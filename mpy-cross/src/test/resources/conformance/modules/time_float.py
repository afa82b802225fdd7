# time.time() on the unix port is a float with microseconds, time_ns() an int of the same clock
import time
t = time.time()
print(type(t), type(time.time_ns()), abs(time.time_ns() // 1000000000 - int(t)) <= 1)
print(time.gmtime(86400.7)[:6], time.gmtime(0)[:3])
