# MicroPython differs: bytes and bytearray have format(); the fields are inserted UTF-8 encoded
print(b'{}-{!r}-{:>4}'.format('\u00e9', 'x', 7))
print(b'{0}{0}'.format(b'\xff'))
print(bytearray(b'{}').format(1))
print(b'{a}:{b:02x}'.format(a=1, b=255))
print(b'\xfe{}\x80'.format('z'))
print(b'{}'.format(1.5), type(b''.format()))
