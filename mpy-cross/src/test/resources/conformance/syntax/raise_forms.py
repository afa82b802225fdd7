def bare_reraise_outside():
    try:
        raise
    except RuntimeError:
        return "RuntimeError: nothing to reraise"
print(bare_reraise_outside())
try:
    raise ValueError
except ValueError as e:
    print(type(e).__name__, e.args)
try:
    raise ValueError("with arg")
except ValueError as e:
    print(e.args)
err = KeyError("prebuilt")
try:
    raise err
except KeyError as e:
    print(e is err)
try:
    raise 5
except TypeError:
    print("TypeError raising non-exception")
