import sys
import math
import math as m2
print(m2 is math)
print(type(sys.modules).__name__)
