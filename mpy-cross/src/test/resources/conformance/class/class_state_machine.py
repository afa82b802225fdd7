class Light:
    transitions = {"red": "green", "green": "yellow", "yellow": "red"}
    def __init__(self):
        self.state = "red"
        self.history = [self.state]
    def step(self):
        self.state = self.transitions[self.state]
        self.history.append(self.state)
        return self
l = Light()
for _ in range(4):
    l.step()
print(l.state, l.history)
