class Query:
    def __init__(self):
        self.parts = []
    def where(self, c):
        self.parts.append("WHERE " + c)
        return self
    def order(self, c):
        self.parts.append("ORDER BY " + c)
        return self
    def __str__(self):
        return " ".join(["SELECT *"] + self.parts)
print(Query().where("a=1").order("b"))
print(str(Query()))
