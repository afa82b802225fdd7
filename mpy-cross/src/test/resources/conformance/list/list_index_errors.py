l = [10, 20, 30]
for i in (0, -1, -3, 3, -4):
    try:
        print(i, l[i])
    except IndexError:
        print(i, "IndexError")
try:
    l[5] = 1
except IndexError:
    print("IndexError assign")
try:
    l["a"]
except TypeError:
    print("TypeError index")
print(l[1:100], l[-100:1], l[2:1])
