# MicroPython differs: sort is not stable
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 20)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted([5, 2, 8, 1], reverse=True))
words = ["bb", "a", "ccc", "dd"]
words.sort(key=len)
print(words)
nums = [3, -1, 2, -5]
nums.sort(key=abs, reverse=True)
print(nums)
print(sorted("hello"), sorted((3, 1, 2)))
try:
    sorted([1, "a"])
except TypeError:
    print("TypeError mixed")
