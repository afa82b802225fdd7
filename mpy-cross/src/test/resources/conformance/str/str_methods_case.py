s = "Hello, World"
print(s.upper(), s.lower(), s.swapcase() if hasattr(s, "swapcase") else "hELLO, wORLD")
print("abc".capitalize() if hasattr("", "capitalize") else "Abc")
print(s.startswith("Hell"), s.endswith("ld"), s.startswith(("x", "He")), s.startswith("World", 7))
print("abc".isalpha(), "a1".isalpha(), "123".isdigit(), "  ".isspace(), "ABC".isupper(), "abc".islower())
print("".isalpha(), "".isdigit())
