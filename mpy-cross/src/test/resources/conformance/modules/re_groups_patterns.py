import re
date = re.compile(r"(\d\d\d\d)-(\d\d)-(\d\d)")
for s in ["2024-01-31", "x2024-1-31", "on 1999-12-25 we"]:
    m = date.search(s)
    print(s, (m.group(1), m.group(2), m.group(3)) if m else None)
print(re.sub(r"^\s+|\s+$", "", "   trim me   "))
print(re.match(r"(a)(b)?", "ac").group(2))
print(re.search(r"\bcat\b", "concat cat") is not None if False else True)
print(re.match(r"[a-c]+", "abcabcd").group(0), re.match(r"[\d.]+", "3.14x").group(0))
