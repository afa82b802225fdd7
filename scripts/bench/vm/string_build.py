# String building: formatting, joining, splitting, replacing and searching.

def bench():
    parts = []
    for i in range(3000):
        parts.append("item%d=%s;" % (i, str(i * 7)))
    text = "".join(parts)
    fields = text.split(";")
    total = 0
    for f in fields:
        if not f:
            continue
        key, _, value = f.partition("=")
        total += int(value) + len(key)
    upper = text.upper().replace("ITEM", "x")
    csv = ",".join("{}:{}".format(i, i * i) for i in range(1000))
    s = ""
    for i in range(500):
        s += chr(97 + i % 26)
    return total, len(upper), len(csv), s.count("abc"), upper.find("x2999")
