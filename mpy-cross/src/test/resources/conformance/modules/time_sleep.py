import time
t = time.time()
time.sleep(0.01)
print(time.time() - t >= 0)
print(type(time.localtime()).__name__ in ("tuple", "struct_time"), len(time.localtime()) >= 8)
print(time.localtime(0)[0] in (1970, 2000))
