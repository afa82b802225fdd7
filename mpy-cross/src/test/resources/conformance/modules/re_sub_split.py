import re
print(re.sub(r"\s+", " ", "a   b \t\n c"))
print(re.sub(r"(\w+)=(\w+)", r"\2=\1", "a=1 b=2"))
print(re.sub(r"\d", lambda m: str(int(m.group(0)) * 2), "a1b2c3"))
print(re.sub("x", "y", "xxx", 2) if True else "")
print(re.compile(r",\s*").split("a, b,c,   d"))
print(re.compile(r"\d").split("a1b2c"))
