import io
s = io.StringIO("hello world")
s.seek(6)
print(s.read())
s.seek(0)
s.write("HELLO")
print(s.getvalue())
t = io.StringIO()
for i in range(3):
    t.write("%d;" % i)
print(t.getvalue(), t.tell())
