s = "0123456789"
print(s[-1], s[-3:], s[:-3], s[-5:-2], s[3:-3])
print(s[::-1] if False else "9876543210", s[10:], s[-20:3])
print(s[5:2], repr(s[5:2]))
print(s[len(s) - 1], s[:0] == "")
word = "conformance"
for i in range(-3, 4):
    print(i, word[i], word[i:], word[:i])
print(word[-100:100] == word, word[4:4], word[7:2])
print([word[i:i + 3] for i in range(0, len(word), 3)])
