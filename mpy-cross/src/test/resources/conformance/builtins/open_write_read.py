with open("bi_test.txt", "w") as f:
    n = f.write("line one\nline two\n")
    f.write("third")
print(n)
with open("bi_test.txt") as f:
    print(repr(f.read()))
with open("bi_test.txt") as f:
    print(f.readline(), end="")
    print(f.readlines())
with open("bi_test.txt") as f:
    for line in f:
        print(len(line), end=" ")
print()
with open("bi_test.txt", "a") as f:
    f.write("\nappended")
with open("bi_test.txt", "rb") as f:
    data = f.read()
print(type(data).__name__, data[-8:])
import os
os.remove("bi_test.txt")
