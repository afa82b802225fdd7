import re
print(re.match(r"\d+\.\d+", "3.14 rest").group(0))
print(re.search(r"\(([^)]*)\)", "call(arg1, arg2)").group(1))
print(re.sub(r"[aeiou]", "*", "programming language"))
print(re.match(r"^\s*(\w+)\s*=\s*(.*)$", "  key =  some value").group(2))
print(re.search(r"\$(\d+)", "cost: $250").group(1))
print(re.match(r"[A-Za-z_][A-Za-z0-9_]*", "_ident9 x").group(0))
