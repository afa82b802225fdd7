l = []
l.extend(range(3))
l.extend("ab")
l.extend((9,))
print(l)
l.insert(-100, "start")
l.insert(2, "two")
print(l)
l += [0]
l *= 2
print(len(l), l[:4])
l.reverse()
print(l[:3])
