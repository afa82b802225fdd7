import json
doc = {"name": "board", "pins": [1, 2, 3], "cfg": {"freq": 48000000, "on": True}, "note": None}
s = json.dumps(doc)
back = json.loads(s)
print(back == doc)
print(json.loads(json.dumps([1.25, -7, "plain"])))
from io import StringIO
buf = StringIO()
json.dump([1, {"x": 2}], buf)
print(buf.getvalue())
print(json.load(StringIO('{"y": [true]}')))
