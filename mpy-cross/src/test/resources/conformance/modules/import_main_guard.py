with open("guarded.py", "w") as f:
    f.write("print('module body runs, name =', __name__)\nif __name__ == '__main__':\n    print('never as import')\nVALUE = 3\n")
import guarded
print(__name__, guarded.VALUE)
if __name__ == "__main__":
    print("main guard in the script")
import os
os.remove("guarded.py")
