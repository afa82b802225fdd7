# Block devices in RAM for the vfs programs (a helper module, not a program: regen.sh and
# ConformanceTest put an area's _*.py next to each of its programs).


class RAMDevice:
    # blocks of size bytes, zeros or a copy of data (an image saved and mounted again)
    def __init__(self, blocks, size=512, data=None):
        self.size = size
        self.data = bytearray(data) if data is not None else bytearray(blocks * size)

    def readblocks(self, block, buf, off=0):
        at = block * self.size + off
        buf[:] = self.data[at : at + len(buf)]

    def writeblocks(self, block, buf, off=None):
        at = block * self.size + (off or 0)
        self.data[at : at + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.size
        if op == 5:
            return self.size
        if op == 6:
            return 0


class NoAllocRAMDevice(RAMDevice):
    # copies byte by byte, allocating nothing: finalisers run with the heap locked
    def readblocks(self, block, buf, off=0):
        at = block * self.size + off
        for i in range(len(buf)):
            buf[i] = self.data[at + i]

    def writeblocks(self, block, buf, off=0):
        at = block * self.size + off
        for i in range(len(buf)):
            self.data[at + i] = buf[i]
