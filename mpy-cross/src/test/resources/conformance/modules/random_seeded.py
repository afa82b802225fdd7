# MicroPython differs: its generator is not CPython's Mersenne Twister
import random
random.seed(42)
print([random.getrandbits(8) for _ in range(5)])
print([random.randint(1, 6) for _ in range(5)])
print([random.randrange(10) for _ in range(5)])
r = random.random()
print(0 <= r < 1, round(r, 6))
print(random.choice("abcdef"))
print(round(random.uniform(1, 2), 6))
random.seed(42)
print(random.getrandbits(8))
