try:
    try:
        1 / 0
    except ZeroDivisionError:
        [].pop()
except IndexError as e:
    print("second exception", type(e).__name__)
def h():
    try:
        raise ValueError
    finally:
        print("cleanup runs")
try:
    h()
except ValueError:
    print("propagated")
