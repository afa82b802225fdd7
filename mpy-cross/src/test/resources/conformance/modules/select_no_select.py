# MicroPython differs: the unix port's select module has poll() but no select() (bare-metal firmware has both)
import select
print(hasattr(select, "poll"), hasattr(select, "select"))
try:
    from select import select
except ImportError as e:
    print("ImportError", e)
