# MicroPython differs: int() and float() take ASCII digits and whitespace only, and an error quotes the
# text after the sign and base prefix as UTF-8 bytes.
# int()/float() from text as MicroPython parses it.

cases = [
    ('٣', 10),
    ('٣', 16),
    ('\u2003 12', 10),
    ('12\u00a0', 0),
    ('ｆ', 16),
    ('1٣', 0),
    ('0b1٠', 0),
    ('0xg', 0),
    ('0xg', 16),
    ('0b12', 0),
    ('  0o9 ', 0),
    ('0x', 0),
    ('-0b2', 0),
    ('12a', 0),
    ('+ 1', 10),
    ('012', 0),
    ('00', 0),
    ('0_0', 0),
    (' 0_1 ', 0),
    ('1__2', 10),
    ('_1', 10),
    ('1_', 10),
    ('0x_1', 0),
    ('  ', 10),
    ('', 10),
    ('-', 10),
    ('0X1F', 0),
    ('0B1', 0),
    ('0O7', 0),
    ('1\x00', 10),
    ('12 3', 10),
    ('\x0b12\x0c', 10),
    ('0x0x1', 16),
    ('Z1', 36),
    ('1e3', 16),
    ('123456789012345678901234567890', 0),
    (' -0x_ff_ff ', 0),
]
for s, b in cases:
    try:
        print(repr(s), b, int(s, b))
    except ValueError as e:
        print(repr(s), b, "ValueError:", e)
for s in ["1.5\u00a0", "\u2003 1.5", "\t1.5\n", "١.5"]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
