import os
with open("data.txt", "w") as f:
    for i in range(5):
        f.write("row %d\n" % i)
with open("data.txt") as f:
    rows = f.read().split("\n")
print(rows)
print(os.stat("data.txt")[6])
os.rename("data.txt", "renamed.txt")
print(sorted(os.listdir(".")))
try:
    os.stat("data.txt")
except OSError:
    print("OSError gone")
os.remove("renamed.txt")
try:
    os.mkdir("d")
    os.mkdir("d")
except OSError:
    print("OSError exists")
os.rmdir("d")
