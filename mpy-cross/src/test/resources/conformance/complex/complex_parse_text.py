# MicroPython differs: complex() reads a real part then an imaginary part with its own sign,
# whitespace allowed between them ("1 1j" is 1+1j); no parentheses; one error message.
for s in ["1 1j", "1 -1j", "1+2j", "1-j", "j", "-j", " 2.5 ", "1e3+4e-1j", "1_0+2_0j", "1 j", "3J",
          "1 + 1j", "(1+2j)", "1 2", "1j 2", "1+-1j", "1j+1", ""]:
    try:
        print(repr(s), complex(s))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
