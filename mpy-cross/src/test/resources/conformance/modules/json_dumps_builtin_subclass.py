import json
class SD(dict):
    def __init__(self, r, d):
        super().__init__(d)
        self.r = r
s = SD(1, {'a': 1})
s['name'] = 'joe'
print(json.dumps(s))
class L(list): pass
print(json.dumps([L([1,2]), (3,)]))
print(json.dumps({'k': SD(2, {'z': [1]})}))
