def documented():
    """This function has a docstring."""
    return 1
class Doc:
    """Class docstring."""
    def m(self):
        "method doc"
        return 2
print(documented(), Doc().m())
"""module level string expression"""
print("ok")
