# MicroPython differs: CPython has no btree module (the .exp is the unix port's output)
# btree: a database in a file with several levels of pages and overflow pages, reopened,
# iterated by ranges and flags, changed, and reopened again.
import btree

f = open("test.db", "w+b")
db = btree.open(f, pagesize=512)
for i in range(200):
    db[b"key%03d" % i] = b"value%d" % i * (1 + i % 7)
db[b"big"] = b"x" * 3000
db.close()
f.close()

f = open("test.db", "r+b")
db = btree.open(f)
print(len(list(db)), db[b"key042"], len(db[b"big"]))
print(list(db.keys(b"key1", b"key103")))
print(list(db.keys(b"key1", b"key103", btree.INCL)))
print(list(db.values(None, b"key195", btree.DESC))[:2])
print([k for k, v in db.items(b"key19")])
print(db.seq(1, b"key0995"), db.get(b"nope"), db.get(b"nope", 5))
for i in range(0, 200, 3):
    del db[b"key%03d" % i]
db[b"aaa"] = b"first"
print("key003" in db, "key004" in db, b"aaa" in db)
db.close()
f.close()

f = open("test.db", "rb")
db = btree.open(f)
keys = list(db)
print(len(keys), keys[:3], keys[-2:])
db.close()
f.close()
