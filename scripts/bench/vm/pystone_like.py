# A pystone-flavoured mix: records, attribute updates, small functions, branches.

class Record:
    def __init__(self, ptr=None, discr=0, enum=0, intcomp=0, strcomp=""):
        self.ptr = ptr
        self.discr = discr
        self.enum = enum
        self.intcomp = intcomp
        self.strcomp = strcomp

    def copy(self):
        return Record(self.ptr, self.discr, self.enum, self.intcomp, self.strcomp)


def proc_add(a, b):
    return a + b + 2


def proc_compare(c1, c2):
    if c1 != c2:
        return 0
    return 1


def proc_record(rec, glob):
    nxt = rec.ptr
    nxt.intcomp = rec.intcomp + glob[0]
    if nxt.discr == 0:
        nxt.intcomp = 6
        nxt.enum = (nxt.enum + 1) % 5
        nxt.ptr = rec.ptr
    else:
        rec.ptr = nxt.copy()
    return rec


def bench(loops=50000):
    glob = [10]
    base = Record(None, 0, 2, 17, "DHRYSTONE PROGRAM, SOME STRING")
    rec = Record(base, 0, 2, 40, "DHRYSTONE PROGRAM, SOME STRING")
    arr = [0] * 51
    total = 0
    for i in range(loops):
        int1 = 2
        int2 = 3
        int3 = proc_add(int1, int2)
        s1 = "DHRYSTONE PROGRAM, 1'ST STRING"
        s2 = "DHRYSTONE PROGRAM, 2'ND STRING"
        flag = s1 < s2
        while int1 < int2:
            int3 = 5 * int1 - int2
            int1 += 1
        arr[i % 51] = int3 + proc_compare("A", "A" if flag else "B")
        rec = proc_record(rec, glob)
        total += int3 + rec.ptr.intcomp
    return total + sum(arr)
