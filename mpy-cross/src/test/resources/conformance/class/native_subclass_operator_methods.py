class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
    def __delitem__(self, k):
        super().__delitem__(k.lower())
d = D()
d['A'] = 1
print(d['a'], d['A'], d)
del d['A']
print(d)
print(dict.__getitem__({1:2}, 1))
x = {}
dict.__setitem__(x, 'k', 3)
print(x)
dict.__delitem__(x, 'k')
print(x)
try:
    dict.__getitem__({}, 5)
except KeyError as e:
    print('KeyError', e)
class S(set):
    def __contains__(self, x):
        return super().__contains__(x * 2)
print(2 in S({4}), 3 in S({4}))
print(set.__contains__({1}, 1), frozenset.__contains__(frozenset(), 1))
try:
    dict.__getitem__({})
except TypeError as e:
    print('TypeError', e)
class SD(dict):
    def __init__(self, r, d):
        super().__init__(d)
        self.r = r
s = SD(1, {'a': 1})
s['b'] = 2
print(s, s.r)
class SD2(dict):
    pass
t = SD2()
t['x'] = 1
print(t)
