import os
os.mkdir("pkg")
with open("pkg/__init__.py", "w") as f:
    f.write("NAME = 'pkg'\n")
with open("pkg/mod.py", "w") as f:
    f.write("from . import sibling\ndef run():\n    return 'mod+' + sibling.WHO\n")
with open("pkg/sibling.py", "w") as f:
    f.write("WHO = 'sibling'\n")
import pkg
print(pkg.NAME)
from pkg import mod
print(mod.run())
import pkg.sibling
print(pkg.sibling.WHO)
for n in ("mod.py", "sibling.py", "__init__.py"):
    os.remove("pkg/" + n)
os.rmdir("pkg")
