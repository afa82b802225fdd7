a = [[1, 2], [3, 4]]
shallow = list(a)
shallow[0].append(99)
shallow.append([5])
print(a, shallow)
deep = [list(r) for r in a]
deep[1][0] = -1
print(a, deep)
print(a == [[1, 2, 99], [3, 4]], a is shallow)
