import json
data = {"list": [1, [2, [3, []]]], "empty": {}, "s": "a/b", "f": 0.5, "neg": -10}
s = json.dumps(data)
print(json.loads(s) == data)
print(json.dumps([[[]]]), json.dumps({"a": {"b": {"c": None}}}))
print(json.loads('[1, 2, {"x": [true, false, null]}]'))
print(json.loads('"tab\\there"'))
