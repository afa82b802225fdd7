with open("starmod.py", "w") as f:
    f.write("A = 1\nB = 2\n_hidden = 3\ndef hello():\n    return 'hello'\n")
from starmod import *
print(A, B, hello())
try:
    _hidden
except NameError:
    print("underscore names not imported")
import os
os.remove("starmod.py")
