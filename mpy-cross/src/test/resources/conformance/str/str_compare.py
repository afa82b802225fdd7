words = ["banana", "Apple", "cherry", "apple", "", "b"]
print(sorted(words))
print("a" < "b", "abc" < "abd", "ab" < "abc", "B" < "a", "" < "a")
print("abc" == "abc", "abc" != "ABC", "a" * 3 == "aaa")
print(max(words), min(words))
print(hash("abc") == hash("ab" + "c"))
