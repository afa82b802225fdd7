inv = {"apple": 3, "pear": 0}
print(inv.get("apple"), inv.get("fig"), inv.get("fig", -1))
inv.setdefault("fig", 5)
inv.setdefault("apple", 100)
print(sorted(inv.items()))
print(inv.pop("pear"), sorted(inv))
try:
    inv.pop("pear")
except KeyError:
    print("KeyError pop")
print(inv.pop("pear", None))
inv["apple"] -= 1
print(inv["apple"], len(inv))
