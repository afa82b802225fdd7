# built-in modules are not entered in sys.modules; __main__ is importable
import sys, time, json, micropython
print(sys.modules)
import __main__
x = 5
print(__main__.x, __name__)
# an empty sys.path asks for the built-in
saved = sys.path
sys.path = ()
import time as t2
sys.path = saved
print(t2 is time, hasattr(t2, 'sleep'))
