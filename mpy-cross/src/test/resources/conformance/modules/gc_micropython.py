# MicroPython differs: micropython and gc helpers exist only in MicroPython
import gc
import micropython
gc.collect()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(type(gc.mem_free()).__name__, type(gc.mem_alloc()).__name__)
X = micropython.const(5)
print(X, micropython.opt_level())
print(micropython.const(2) * X)
