text = """the rain in spain stays mainly in the plain
in spain the rain is wet"""
words = text.split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
print(top)
print(len(words), len(set(words)), max(words, key=len))
print(sum(1 for c in text if c in "aeiou"))
