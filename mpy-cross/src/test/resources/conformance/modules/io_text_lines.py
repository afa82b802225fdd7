import io
src = io.StringIO("alpha\nbeta\n\ngamma\n")
count = 0
for line in src:
    count += 1
    print(repr(line))
print(count)
out = io.StringIO()
print("printed", 1, file=out)
print("second", file=out, end="")
print(repr(out.getvalue()))
