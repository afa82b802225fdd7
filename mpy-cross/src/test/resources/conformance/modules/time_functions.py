import time
t1 = time.time()
t2 = time.time()
print(t2 >= t1)
lt = time.localtime(86400 * 365)
print(len(lt) >= 8, lt[0] in (1971, 2001))
print(time.mktime(time.localtime(1000000)) == 1000000 if hasattr(time, "mktime") else True)
