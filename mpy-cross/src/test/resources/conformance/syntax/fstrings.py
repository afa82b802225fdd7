name = "mpt"
n = 42
f = 3.14159
print(f"hello {name}")
print(f"{n:5d}|{n:<5}|{n:^5}|{n:05}")
print(f"{f:.2f} {f:8.3f} {n:x} {n:o} {n:b} {n:#x}")
print(f"{name!r} {name.upper()} {n * 2}")
print(f"{{literal}} {n}")
print(f"{'nested'} {n if n > 40 else 0}")
w = 7
print(f"{n:>{w}}|")
print(f"{[1, 2][1]} {dict(a=1)['a']}")
print(f"a" f"b{n}" "c")
