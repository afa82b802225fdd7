assert True
assert 1 == 1, "fine"
try:
    assert 1 == 2
except AssertionError as e:
    print("caught", type(e).__name__, e.args)
try:
    assert False, "with message"
except AssertionError as e:
    print("caught", e)
try:
    assert [], ("tuple", 1)
except AssertionError as e:
    print(e.args)
print("done")
