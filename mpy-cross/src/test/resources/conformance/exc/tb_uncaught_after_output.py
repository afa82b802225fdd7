# MicroPython differs: traceback format
for i in range(3):
    print("line", i)
x = {"a": [1, 2]}
print(x["a"][5])
