cfg = {"net": {"ssid": "x", "port": 80}, "debug": False}
cfg["net"]["port"] = 8080
cfg.setdefault("extra", {})["k"] = 1
print(cfg["net"]["port"], cfg["extra"], sorted(cfg))
def merge(a, b):
    out = dict(a)
    for k, v in b.items():
        if k in out and isinstance(out[k], dict) and isinstance(v, dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out
m = merge(cfg, {"net": {"port": 1, "new": True}, "debug": True})
print(sorted(m["net"].items()), m["debug"])
