# MicroPython differs: CPython 3 has no execfile(); MicroPython's unix port runs a file's
# code in the given (or the caller's) namespace, reading it through open().
with open("helper_code.py", "w") as f:
    f.write("x = 5\ndef double():\n    return x * 2\n")
execfile("helper_code.py")
print(x, double())
ns = {}
execfile("helper_code.py", ns)
print(sorted(k for k in ns if not k.startswith("__")), ns["double"]())
loc = {}
execfile("helper_code.py", ns, loc)
print(sorted(loc))
try:
    execfile("missing_file.py")
except OSError as e:
    print("OSError", e.errno)
try:
    execfile(b"helper_code.py")
except TypeError as e:
    print("TypeError", e)
with open("broken_code.py", "w") as f:
    f.write("y = (\n")
try:
    execfile("broken_code.py")
except SyntaxError as e:
    print("SyntaxError", e)
# a str is a read-only buffer
m = memoryview("héllo")
print(len(m), bytes(m[1:3]), m[0])
try:
    m[0] = 65
except TypeError as e:
    print("TypeError", e)
