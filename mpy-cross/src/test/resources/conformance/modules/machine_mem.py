# MicroPython differs: CPython has no machine module.
# machine.mem8/16/32: their type, reprs and errors (reading memory needs a board: the unix
# port maps /dev/mem).
try:
    import machine
except ImportError:
    print("SKIP")
    raise SystemExit

print(machine.mem8, machine.mem16, machine.mem32, type(machine.mem8))
for fn in (
    lambda: machine.mem16[0x1001],
    lambda: machine.mem32[0x7F0000100002],
    lambda: machine.mem8[1.5],
    lambda: machine.mem8[0:2],
):
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    del machine.mem8[0x1000]
except TypeError as e:
    print("TypeError", e)
print([k for k in dir(machine) if k.startswith("mem")])
