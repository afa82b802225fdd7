print('single', "double", '''triple
line''', """tri "quote" """)
print("tab\there", "nl\\n", "q\"", 'a\'b')
print(r"raw\n\t", r"x\y")
print("\x41\101\u00e9")
print("con" "cat" 'ena' "tion")
print(b"bytes\x00\xff", rb"\d")
print(len("\u20ac"), len("a\
b"))
print("multi"
      "line")
