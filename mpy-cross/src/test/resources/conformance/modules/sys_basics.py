import sys
print(sys.byteorder in ("little", "big"), type(sys.maxsize).__name__, sys.maxsize > 2 ** 30)
print(type(sys.argv).__name__, type(sys.path).__name__)
print(sys.implementation.name in ("cpython", "micropython"))
print(sys.version_info[0], type(sys.version).__name__)
sys.stdout.write("written\n")
print(hasattr(sys, "exit"), hasattr(sys, "stdin"))
