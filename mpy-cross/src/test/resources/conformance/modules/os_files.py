import os
print(os.listdir("."))
with open("a.txt", "w") as f:
    f.write("AAA")
os.mkdir("sub")
with open("sub/b.txt", "w") as f:
    f.write("B")
print(sorted(os.listdir(".")), os.listdir("sub"))
os.rename("a.txt", "c.txt")
print(sorted(os.listdir(".")))
st = os.stat("c.txt")
print(st[6])
os.remove("c.txt")
os.remove("sub/b.txt")
os.rmdir("sub")
print(os.listdir("."))
try:
    os.remove("nothing")
except OSError:
    print("OSError remove")
