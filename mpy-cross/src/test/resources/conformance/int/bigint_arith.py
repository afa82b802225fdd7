a = 2 ** 100
b = 3 ** 60
print(a, b)
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b)
print(-a // 7, -a % 7)
print(divmod(a, 12345678901))
print(a ** 2)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 20), f % 1000003)
print(pow(2, 200, 10 ** 9 + 7))
print(10 ** 40 // 10 ** 38)
