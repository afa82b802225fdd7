import json
v = json.loads('{"a": [1, 2.5, "x", null, true, false], "b": {"c": -3}}')
print(sorted(v.keys()), v["a"], v["b"]["c"])
print(json.loads("[]"), json.loads("{}"), json.loads("  42 "), json.loads('"esc\\n\\u0041"'))
print(json.loads("1e3"), json.loads("-0.5"), json.loads('"\\"q\\""'))
for bad in ["{", "[1,]x", "nul"]:
    try:
        json.loads(bad)
    except ValueError:
        print("ValueError", bad)
