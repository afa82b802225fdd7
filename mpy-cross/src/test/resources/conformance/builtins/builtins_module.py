import builtins
print(builtins.len("abc"), builtins.abs(-1))
print(hasattr(builtins, "print"), hasattr(builtins, "definitely_not"))
_real_len = builtins.len
print(_real_len([1, 2]))
print(builtins.max(3, 9), builtins.min("zy"), builtins.sorted([2, 1]))
print(builtins.isinstance(1, builtins.int), builtins.str(5) + "!")
names = ["abs", "all", "any", "bin", "callable", "chr", "dict", "divmod", "enumerate", "filter",
         "getattr", "hasattr", "hash", "hex", "id", "isinstance", "iter", "len", "list", "map",
         "max", "min", "next", "oct", "ord", "pow", "print", "range", "repr", "round", "setattr",
         "sorted", "str", "sum", "tuple", "type", "zip"]
print(all(hasattr(builtins, n) for n in names), len(names))
print([n for n in names if not callable(getattr(builtins, n))])
