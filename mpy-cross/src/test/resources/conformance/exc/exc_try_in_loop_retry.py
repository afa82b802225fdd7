attempts = 0
def flaky():
    global attempts
    attempts += 1
    if attempts < 3:
        raise OSError("try again")
    return "ok after %d" % attempts
for _ in range(5):
    try:
        print(flaky())
        break
    except OSError as e:
        print("retry:", e)
