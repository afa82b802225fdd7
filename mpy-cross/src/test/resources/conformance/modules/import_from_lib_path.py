import os
import sys
os.mkdir("mylib")
with open("mylib/tools_mod.py", "w") as f:
    f.write("def area(w, h):\n    return w * h\n")
sys.path.append("mylib")
import tools_mod
print(tools_mod.area(3, 7))
from tools_mod import area
print(area(2, 2))
sys.path.remove("mylib")
os.remove("mylib/tools_mod.py")
os.rmdir("mylib")
