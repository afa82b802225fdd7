data = list(range(20))
print(data[2:18:4], data[-1:-8:-2], data[::5], data[15:3:-3])
s = "abcdefghij"
print(s[2:7], s[-4:], s[:3] + s[7:])
b = b"0123456789"
print(b[3:6], b[-2:], b[:0])
t = tuple(range(6))
print(t[1:4], t[-2:])
print(data[5:5], data[10:2], data[-100:3], data[18:100])
