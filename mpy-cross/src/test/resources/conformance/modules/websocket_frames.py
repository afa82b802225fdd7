# MicroPython differs: websocket is MicroPython's module (webrepl's framing)
import io, websocket

s = io.BytesIO(b"\x81\x83abcd" + bytes(x ^ k for x, k in zip(b"hey", b"abc")) + b"\x80\x02yo")
ws = websocket.websocket(s)
print(ws.read(2), ws.read(10), ws.ioctl(8))
out = io.BytesIO()
ws = websocket.websocket(out)
ws.write(b"x" * 130)
print(ws.ioctl(9, 2))
ws.write("hi")
print(out.getvalue()[:6], out.getvalue()[-4:])
try:
    ws.ioctl(99)
except OSError as e:
    print("OSError", e.errno)
