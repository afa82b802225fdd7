data = [1, "two", 3.0, None, True, [4, (5, "six")], {"k": b"v"}]
print(data)
print(repr(data) == str(data))
print(("a",), ("a", "b"), [()], [[]], ([],))
print({"x": {"y": {"z": []}}})
print(str("s"), [str("s")])
