import os
st = os.statvfs(".")
print(type(st).__name__ in ("tuple", "statvfs_result"), len(st) >= 10 if hasattr(st, "__len__") else True)
print(st[0] > 0, st[2] >= st[3] >= 0)
print(os.sep)
