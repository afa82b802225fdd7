# MicroPython differs: bool is not a subclass of int
class A: pass
class B(A): pass
print(isinstance(1, int), isinstance("s", (int, str)), isinstance(B(), A), isinstance(A(), B))
print(issubclass(B, A), issubclass(B, (int, A)), issubclass(bool, int), issubclass(int, object))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(None, type(None)))
print(isinstance(A, type), isinstance(len, object), type(type).__name__)
