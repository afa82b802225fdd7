# MicroPython differs: traceback format
class Config:
    values = [1, 2, 3]
    total = sum(values)
    bad = values[10]
