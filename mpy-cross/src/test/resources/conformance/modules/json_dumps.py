import json
print(json.dumps(1), json.dumps(1.5), json.dumps("s"), json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps([1, "a", None, [2, 3]]))
print(json.dumps({"k": [1, 2]}))
print(json.dumps("quote\" back\\ nl\n tab\t"))
print(json.dumps([]), json.dumps({}), json.dumps((1, 2)))
