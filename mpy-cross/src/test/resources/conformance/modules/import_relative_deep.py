import os
os.mkdir("app")
os.mkdir("app/core")
with open("app/__init__.py", "w") as f:
    f.write("")
with open("app/util.py", "w") as f:
    f.write("def shout(s):\n    return s.upper() + '!'\n")
with open("app/core/__init__.py", "w") as f:
    f.write("from .engine import run\n")
with open("app/core/engine.py", "w") as f:
    f.write("from ..util import shout\ndef run(x):\n    return shout(x)\n")
from app.core import run
print(run("relative"))
import app.util
print(app.util.shout("abs"))
for p in ("app/core/engine.py", "app/core/__init__.py", "app/util.py", "app/__init__.py"):
    os.remove(p)
os.rmdir("app/core")
os.rmdir("app")
