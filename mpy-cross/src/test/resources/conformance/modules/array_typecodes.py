import array
for code, vals in [("b", [-128, 127]), ("B", [0, 255]), ("h", [-32768, 32767]), ("H", [0, 65535]),
                   ("i", [-1, 1]), ("I", [0, 4000000000]), ("l", [-5, 5]), ("q", [-(2 ** 40), 2 ** 40])]:
    a = array.array(code, vals)
    print(code, list(a), len(a))
b = array.array("I", [1, 2])
b[0] = 3000000000
print(b[0])
print(array.array("f", [0.25])[0], array.array("d", [1e100])[0])
