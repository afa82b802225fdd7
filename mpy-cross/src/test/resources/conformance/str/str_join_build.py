parts = []
for i in range(10):
    parts.append(str(i * i))
print(",".join(parts))
s = ""
for ch in "abc":
    s += ch * 2
print(s)
print(" ".join(w.capitalize() if hasattr(w, "capitalize") else w for w in ["x", "y"]) if False else "X Y")
lines = ["%-4s%3d" % (n, v) for n, v in [("a", 1), ("bb", 22), ("ccc", 333)]]
print("\n".join(lines))
print("".join(reversed("stressed")))
