value = 1
def outer():
    def inner():
        global value
        value += 10
    inner()
    return value
print(outer(), value)
def reader():
    return value * 2
print(reader())
def local_shadow():
    value = "local"
    def see():
        return value
    return see()
print(local_shadow(), value)
