s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"))
print(s.index("fox"), s.rindex("o"), s.count("o"), s.count("the"), s.count(""))
try:
    s.index("cat")
except ValueError:
    print("ValueError index")
print("fox" in s, "cat" not in s, "" in s)
print(s.find("o", 15, 20), s.count("o", 0, 15))
