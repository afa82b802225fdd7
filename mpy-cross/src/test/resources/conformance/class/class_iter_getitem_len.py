class Deck:
    ranks = "23456789TJQKA"
    suits = "cdhs"
    def __init__(self):
        self.cards = [r + s for s in self.suits for r in self.ranks]
    def __len__(self):
        return len(self.cards)
    def __getitem__(self, i):
        return self.cards[i]
d = Deck()
print(len(d), d[0], d[-1], d[12:15])
print(list(d)[:3], "As" in d, "Zz" in d)
print(sorted(d[:4], reverse=True))
