print("a,b,,c".split(","))
print("  a  b \t c\n".split())
print("a b c d".split(" ", 2))
print("a b c d".rsplit(" ", 1))
print("line1\nline2\n\nline4".split("\n"))
print("-".join(["x", "y", "z"]), "".join(map(str, range(5))))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kv".partition("="))
print("a\nb\r\nc".splitlines())
try:
    "abc".split("")
except ValueError:
    print("ValueError empty sep")
