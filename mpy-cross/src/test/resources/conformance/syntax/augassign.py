a = 10
a += 5; print(a)
a -= 3; print(a)
a *= 2; print(a)
a //= 5; print(a)
a %= 3; print(a)
a **= 3; print(a)
a <<= 4; print(a)
a >>= 2; print(a)
a |= 0x70; print(a)
a &= 0x3c; print(a)
a ^= 0xff; print(a)
f = 7.0
f /= 2; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
l = [1]
l2 = l
l += [2, 3]
print(l, l2, l is l2)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
d = {"k": 1}
d["k"] += 41
print(d)
class O: pass
o = O(); o.v = 1; o.v *= 9; print(o.v)
