with open("st.txt", "w") as f:
    f.write("0123456789")
with open("st.txt") as f:
    print(f.read(4))
    print(f.tell())
    f.seek(7)
    print(f.read())
    f.seek(0)
    print(f.read(2))
import os
os.remove("st.txt")
