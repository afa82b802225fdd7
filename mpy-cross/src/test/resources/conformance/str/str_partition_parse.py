def parse_kv(line):
    key, sep, value = line.partition("=")
    if not sep:
        return None
    return key.strip(), value.strip()
for l in ["a = 1", "name=mpt", "novalue", " x = y = z "]:
    print(parse_kv(l))
url = "http://host:8080/path/to?q=1"
scheme, _, rest = url.partition("://")
hostport, _, path = rest.partition("/")
host, _, port = hostport.partition(":")
print(scheme, host, int(port), "/" + path)
