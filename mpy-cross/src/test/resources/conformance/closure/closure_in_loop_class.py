class Registry:
    def __init__(self):
        self.handlers = {}
    def on(self, name):
        def deco(fn):
            self.handlers[name] = fn
            return fn
        return deco
r = Registry()
@r.on("greet")
def greet(who):
    return "hi " + who
@r.on("shout")
def shout(who):
    return who.upper() + "!"
for k in sorted(r.handlers):
    print(k, r.handlers[k]("bob"))
def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
