# re: backtracking order, groups, spans, sub and split as the board's engine does them
import re

m = re.match(r"(a|ab)(c|bcd)(d*)", "abcd")
print(m.group(0), m.group(1), m.group(2), m.group(3) == "")
m = re.search(r"(\d+)-(\d+)", "tel: 555-1234 x")
print(m.group(0), m.group(1), m.group(2))
print(re.match("a+?b", "aaab").group(0), re.match("a*?", "aaa").group(0) == "")
print(re.match(r"(?:ab)+c", "ababc").group(0))
print(re.match(r"[^\d\s]+", "ab1").group(0))
print(re.match(r"[a\-z]+", "a-z").group(0))
print(re.search("$", "ab").group(0) == "")
print(re.match("^b", "ab"), re.search("^b", "ab"))
print(re.sub("a", "X", "banana"))
print(re.sub("(a)(n)", r"\2\1", "banana"))
print(re.sub("a", "X", "banana", 2))
print(re.sub("a", lambda m: m.group(0).upper(), "banana"))
print(re.sub("^a", "X", "aaa"))
print(re.compile(",").split("a,b,,c"))
print(re.compile(",").split("a,b,c", 1))
r = re.compile("o")
print(r.search("dog", 1).group(0), r.match("dog", 1).group(0), r.match("dog", 2))
m = re.search("(é)(b)", "aéb")
print(m.group(1), m.group(2))
print(re.match(b"[a-c]+", b"abcd").group(0))
try:
    re.compile("(")
except Exception:
    print("error")
try:
    re.match("(a)", "a").group(2)
except IndexError:
    print("IndexError")
