# MicroPython differs: an uncaught exception in a thread is reported as MicroPython reports it
# an exception a thread does not catch is printed with the function's repr and the traceback
# (on stderr); SystemExit and _thread.exit() end a thread silently
import _thread
import time


class Worker:
    def __init__(self, name, exc):
        self.name = name
        self.exc = exc

    def __repr__(self):
        return "<worker " + self.name + ">"

    def __call__(self):
        if self.exc is None:
            _thread.exit()
        raise self.exc


def nested(n):
    if n == 0:
        raise ValueError("deep")
    nested(n - 1)


_thread.start_new_thread(Worker("a", OSError(5)), ())
time.sleep_ms(50)
_thread.start_new_thread(Worker("b", None), ())
time.sleep_ms(50)
_thread.start_new_thread(Worker("c", SystemExit(3)), ())
time.sleep_ms(50)
class Deep:
    def __repr__(self):
        return "<deep>"

    def __call__(self, n):
        nested(n)


_thread.start_new_thread(Deep(), (2,))
time.sleep_ms(50)
print("main goes on")
