s = list(range(10))
print(s[2:5], s[:3], s[7:], s[::3], s[::-1], s[-3:], s[:-7], s[1:8:2])
print(s[8:2:-2], s[100:], s[-100:2])
t = tuple(s)
print(t[1:4])
st = "abcdefgh"
print(st[1:5], st[-3:], st[3:3])
s[2:4] = ["x", "y", "z"]
print(s)
s[:] = []
print(s)
