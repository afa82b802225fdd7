def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print("found at", i)
            break
    else:
        print("not found")
find([1, 2, 3], 2)
find([1, 2, 3], 7)
find([], 1)
def primes_below(n):
    out = []
    for c in range(2, n):
        for p in out:
            if c % p == 0:
                break
        else:
            out.append(c)
    return out
print(primes_below(40))
