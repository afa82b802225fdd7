import os
os.mkdir("work")
start = os.getcwd()
os.chdir("work")
print(os.getcwd().endswith("work"))
with open("inside.txt", "w") as f:
    f.write("x")
print(os.listdir("."))
os.chdir("..")
print(os.getcwd() == start, "work" in os.listdir("."))
os.remove("work/inside.txt")
os.rmdir("work")
