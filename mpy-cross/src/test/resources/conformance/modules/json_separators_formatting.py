import json
print(json.dumps({"a": 1}, separators=(",", ":")) if True else "")
print(json.dumps([1, 2, 3], separators=(",", ":")))
print(json.dumps({"b": [1, {"c": 2}]}, separators=(", ", ": ")))
print(json.dumps("plain"), json.dumps(""), json.dumps(0), json.dumps(-1.5))
