def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
f300 = fib(300)
print(f300)
print(f300 % 1000000007, len(str(f300)))
print(fib(200) * fib(201) - fib(202) * fib(199))
x = 1
for i in range(50):
    x = x * 3 + i
print(x)
print(x // fib(100), x % fib(100))
print((-x) // 12345, (-x) % 12345)
print(int(str(x)[::-1]) if False else int(str(x)) == x)
