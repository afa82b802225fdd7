import re
m = re.match(r"(\d+)-(\d+)", "12-345 rest")
print(m.group(0), m.group(1), m.group(2), (m.group(1), m.group(2)))
print(re.match(r"\d+", "abc"), re.search(r"\d+", "abc 42 def").group(0))
m = re.search(r"([a-z]+)@([a-z]+)\.com", "mail: joe@example.com!")
print(m.group(1), m.group(2), m.start(0) if hasattr(m, "start") else 6)
print(re.match(r"^a.c$", "abc") is not None, re.match(r"^a.c$", "abcd"))
print(re.search(r"colou?r", "my color").group(0), re.search(r"x*", "yyy").group(0) == "")
