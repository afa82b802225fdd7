# MicroPython differs: json prints bytes as strings, non-str keys quoted, unknown objects by repr
import json, io

print(json.dumps(b"ab\n"))
print(json.dumps({1: 2}), json.dumps({None: 3}), json.dumps({(1, 2): 4}))
print(json.dumps([1, (2, 3)], separators=(",", ":")))
print(json.dumps("\x01\x7f\"\\"))
s = io.StringIO()
json.dump({"a": [1, None]}, s, separators=[";", "="])
print(s.getvalue())
for sep in ((",",), 1, {"a": 1}, (",", 2)):
    try:
        json.dumps(1, separators=sep)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    json.dump(1, 2)
except OSError:
    print("OSError")
