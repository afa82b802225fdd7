# A module's attributes read in a hot function while the module's dict changes under it:
# rebinding, deleting, adding it back, and enough new names to make the dict grow.
import __main__

me = __main__
value = 1


def helper():
    return "first"


def read(m):
    return m.value, m.helper()


seen = []
for i in range(60):
    if i == 10:
        me.value = 2
    if i == 20:
        del me.value
    if i == 30:
        globals()["value"] = 3

        def helper():
            return "second"

    if i == 40:
        for k in range(50):
            setattr(me, "extra%d" % k, k)
    if i == 50:
        me.value = "last"
    try:
        r = read(me)
    except AttributeError:
        r = "AttributeError"
    if not seen or seen[-1][1] != r:
        seen.append((i, r))
for item in seen:
    print(item)
print(me.extra49, hasattr(me, "extra50"))
