import json
print(json.loads('"\\u00e9\\u20ac"') == "\u00e9\u20ac")
print(json.loads('"\\/\\b\\f\\n\\r\\t"') == "/\b\f\n\r\t")
print(json.dumps("\n\t\"\\"))
print(json.loads("[1.5e2, -3e-2, 0]"))
