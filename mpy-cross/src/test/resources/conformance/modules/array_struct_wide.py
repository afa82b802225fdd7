# array and struct with 64-bit unsigned values and typecodes that must match to compare
from array import array
import struct

a = array("Q", [0, 2**64 - 1])
print(a, bytes(a))
print(array("q", [-(2**63), 2**63 - 1]))
print(array("Q", bytes(array("q", [-1]))))
print(array("h", [5]) == array("H", [5]), array("i", [7]) == array("I", [7]))
print(struct.unpack("<Q", b"\xff" * 8), struct.pack("<q", -2))
print(struct.calcsize("<l"), struct.calcsize("<q"))
