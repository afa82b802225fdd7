import random
random.seed(7)
ok = True
for _ in range(200):
    v = random.randint(3, 9)
    ok = ok and 3 <= v <= 9
    f = random.random()
    ok = ok and 0.0 <= f < 1.0
    r = random.randrange(0, 100, 5)
    ok = ok and r % 5 == 0
print(ok)
seq = [1, 2, 3, 4]
print(random.choice(seq) in seq)
random.seed(1)
a = [random.random() for _ in range(3)]
random.seed(1)
b = [random.random() for _ in range(3)]
print(a == b)
