import sys
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit", e.args[0] if e.args else None)
try:
    sys.exit()
except SystemExit as e:
    print("bare exit", e.args)
try:
    raise SystemExit("msg")
except SystemExit as e:
    print(e.args)
