print(b"%d" % 5 if hasattr(b"", "__mod__") else b"5")
print("%s and %s" % ("a", "b"), "%s" % [1, 2], "%s" % (1,))
print("%r" % ("x",), "%5s|" % "ab", "%-5s|" % "ab")
print("%.3s" % "abcdef", "%d%%" % 50)
try:
    "%d %d" % (1,)
except TypeError:
    print("TypeError not enough")
try:
    "%d" % (1, 2)
except TypeError:
    print("TypeError too many")
