class Idx:
    def __init__(self, i):
        self.i = i
    def __index__(self):
        return self.i
class Tr:
    def __bool__(self):
        return False
print(Idx(1).__index__())
print(bool(Tr()), not Tr(), "yes" if Tr() else "no")
class Hs:
    def __hash__(self):
        return 12345
print(hash(Hs()))
