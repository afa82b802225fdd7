# MicroPython differs: what the unix port's modules hold — os.system (a wait status, output where
# print's goes), time.clock (CPU seconds), no re.split (a compiled pattern's method only), no
# micropython.native/viper/bytecode attributes (the compiler takes those decorators)
import os, time, re, micropython
print("before")
print("status", os.system("echo from shell; exit 3"))
print(os.system("true"), os.system("kill -TERM $$"))
c = time.clock()
print(type(c), c >= 0)
print(hasattr(re, "split"), re.compile(",").split("a,b"))
print(hasattr(micropython, "native"), hasattr(micropython, "viper"), hasattr(micropython, "bytecode"))
print(hasattr(os, "uname"), hasattr(os, "VfsFat"), hasattr(os, "VfsLfs2"), hasattr(os, "VfsPosix"))
