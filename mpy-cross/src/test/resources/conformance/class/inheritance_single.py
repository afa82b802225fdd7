class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " says " + self.sound
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog/" + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " (age %d)" % self.age
for a in [Animal("gen"), Dog("rex"), Puppy("bit", 1)]:
    print(a.speak(), a.kind())
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), isinstance(Puppy("x", 2), Dog))
print(Puppy.__bases__[0].__name__ if hasattr(Puppy, "__bases__") else "Dog")
