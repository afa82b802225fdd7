def noisy(v, log):
    log.append(v)
    return v
log = []
print(1 < noisy(2, log) < 3, log)
log = []
print(5 < noisy(2, log) < noisy(9, log), log)
print(1 < 2 <= 2 < 3 != 4 == 4)
print(3 > 2 > 1 > 0 >= 0)
print(1 == 1.0 == True)
print("a" < "b" < "c")
print([1, 2] < [1, 3] < [2])
print((1, 2) == (1, 2) != (2, 1))
x = 5
print(0 < x < 10, 0 < x < 3)
print(1 in [1, 2] in [[1, 2]])
