rows = [("apple", 1.5, 3), ("kiwi", 0.25, 12), ("watermelon", 3.0, 1)]
print("{:<12}{:>8}{:>5}".format("name", "price", "qty"))
for name, price, qty in rows:
    print("{:<12}{:>8.2f}{:>5d}".format(name, price, qty))
total = sum(p * q for _, p, q in rows)
print("{:<12}{:>8.2f}".format("total", total))
print("%-10s|%10s|" % ("left", "right"))
