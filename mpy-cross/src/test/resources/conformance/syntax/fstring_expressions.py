items = ["a", "b", "c"]
d = {"key": 5}
print(f"{len(items)} items: {', '.join(items)}")
print(f"{d['key'] * 2} {items[-1]!r} {3 + 4j}")
width, prec = 10, 3
print(f"[{3.14159:{width}.{prec}f}]")
print(f"{'left':<8}|{'right':>8}|{'mid':^9}|")
print(f"{255:#06x} {255:08b} {-3:+d} {1000000:,}")
name = "x"
print(f"{name}{name}" f"{name.upper()}")
