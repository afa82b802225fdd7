# MicroPython differs: its jumps hold offsets of at most 15 bits (CPython has no such limit).
# A jump over a long block first gets 2-byte offsets everywhere; the inner jumps shrink in
# later passes, and only a jump still too long once the code stops shrinking is an error.
body = " with f()()() as a:\n  try:\n   f()()()\n  except Exception:\n   pass\n"
for n in (300, 399, 400, 431, 432, 433):
    src = "cond = 0\nif cond:\n" + body * n + "else:\n print('cond false')\n"
    try:
        exec(src)
        print(n, "ok")
    except RuntimeError as e:
        print(n, repr(e), e.args)
try:
    compile("while x:\n" + " y = f(a, b, c)\n" * 2000 + "\n", "big", "exec")
except RuntimeError as e:
    print("loop", e)
