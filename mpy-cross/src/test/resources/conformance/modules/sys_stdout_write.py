import sys
n = sys.stdout.write("abc")
sys.stdout.write("\n")
print(n)
sys.stdout.write("%d-%s\n" % (1, "x"))
print("err goes to stderr", file=sys.stderr)
print("stdout after stderr")
