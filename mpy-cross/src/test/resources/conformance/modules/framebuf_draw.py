# MicroPython differs: framebuf is MicroPython's module
import framebuf


def show(fb, w, h):
    for y in range(h):
        print("".join("%x" % fb.pixel(x, y) for x in range(w)))
    print("--")


for fmt in (framebuf.MONO_VLSB, framebuf.MONO_HLSB, framebuf.MONO_HMSB, framebuf.GS2_HMSB, framebuf.GS4_HMSB,
            framebuf.GS8, framebuf.RGB565):
    buf = bytearray(10 * 8 * 2)
    fb = framebuf.FrameBuffer(buf, 10, 8, fmt)
    fb.fill(0)
    fb.rect(0, 0, 10, 8, 1)
    fb.line(1, 1, 8, 6, 3)
    fb.pixel(9, 7, 2)
    print(fmt, bytes(buf[:12]))
show(fb, 10, 8)

fb = framebuf.FrameBuffer(bytearray(12 * 10), 12, 10, framebuf.GS8)
fb.ellipse(6, 5, 5, 4, 1)
fb.ellipse(6, 5, 2, 2, 2, True)
show(fb, 12, 10)
fb.fill(0)
fb.poly(1, 1, bytearray([0, 0, 9, 2, 4, 7]), 3, True)
show(fb, 12, 10)
fb.scroll(2, -1)
show(fb, 12, 10)
src = framebuf.FrameBuffer(bytearray(b"\x01\x02\x00\x01"), 2, 2, framebuf.GS8)
pal = framebuf.FrameBuffer(bytearray(b"\x00\x07\x08"), 3, 1, framebuf.GS8)
fb.fill(0)
fb.blit(src, -1, 0)
fb.blit(src, 4, 4, 0, pal)
fb.blit((b"\x05\x05\x05\x05", 2, 2, framebuf.GS8), 10, 8)
show(fb, 12, 10)
for args in ((bytearray(7), 8, 8, framebuf.MONO_VLSB), (bytearray(20), 10, 10, framebuf.MONO_HLSB, 9),
             (bytearray(20), 10, 10, 7)):
    try:
        framebuf.FrameBuffer(*args)
    except ValueError:
        print("ValueError")
