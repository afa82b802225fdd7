def outer():
    a = 1
    def mid():
        nonlocal a
        a += 1
        b = 10
        def inner():
            nonlocal a, b
            a += 100
            b += 1
            return a, b
        r = inner()
        return r, b
    return mid(), a
print(outer())
