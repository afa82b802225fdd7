class Plugin:
    registry = {}
    def __init__(self, name):
        self.name = name
        Plugin.registry[name] = self
    @staticmethod
    def get(name):
        return Plugin.registry.get(name)
    @classmethod
    def names(cls):
        return sorted(cls.registry)
Plugin("b"); Plugin("a")
print(Plugin.names(), Plugin.get("a").name, Plugin.get("zz"))
class Special(Plugin):
    pass
Special("c")
print(Special.names(), type(Plugin.get("c")).__name__)
