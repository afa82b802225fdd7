# MicroPython differs: argument-count errors of built-in methods count self, with its own wording
for f in (lambda: [].append(), lambda: [].append(1, 2), lambda: [].insert(1), lambda: "".join(),
          lambda: {}.keys(1), lambda: [].pop(1, 2), lambda: {}.get(1, 2, 3), lambda: "a".upper(1), lambda: [].sort(1),
          lambda: abs(), lambda: len(1, 2), lambda: hasattr(1)):
    try:
        f()
    except TypeError as e:
        print(e)
