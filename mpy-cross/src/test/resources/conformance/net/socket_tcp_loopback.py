# MicroPython differs: the unix port's socket module (addresses are sockaddr bytes from
# getaddrinfo, no sendall, makefile and stream methods on the socket itself).
# A TCP server and client in one program, over loopback.
import socket, errno


def listen():
    # a free port without getsockname: try a few until bind succeeds
    for port in range(39011, 39111, 7):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(socket.getaddrinfo("127.0.0.1", port)[0][-1])
        except OSError as e:
            s.close()
            continue
        s.listen(2)
        return s, port
    raise OSError("no free port")


srv, port = listen()
print(srv)
addr = socket.getaddrinfo("127.0.0.1", port, 0, socket.SOCK_STREAM)[0][-1]
cli = socket.socket()
cli.connect(addr)
conn, peer = srv.accept()
print(type(peer), len(peer), socket.sockaddr(peer)[1])

# send/recv
print(cli.send(b"hello"))
print(conn.recv(16))
conn.write(b"line one\nline two\nrest")
print(cli.readline())
print(cli.readline())
print(cli.read(4))

# readinto into a bytearray and a memoryview
buf = bytearray(6)
conn.send(b"abcdefgh")
print(cli.readinto(buf), buf)
mv = memoryview(buf)
print(cli.readinto(mv[1:3]), buf)

# write with a length, and with an offset and length
print(cli.write(b"0123456789", 3))
print(cli.write(b"0123456789", 5, 2))
import time

time.sleep(0.05)
print(conn.recv(5))

# MSG_PEEK leaves the bytes for the next recv
cli.send(b"peekaboo")
time.sleep(0.05)
print(conn.recv(4, socket.MSG_PEEK))
print(conn.recv(4, socket.MSG_PEEK))
print(conn.recv(100))

# makefile: text and binary views of the same connection
f = conn.makefile("rwb")
print(f)
cli.send(b"via file\n")
print(f.readline())
tf = cli.makefile()
print(tf)
f.write(b"text\n")
print(repr(tf.readline()))

# the peer closing ends the stream: b'' and then more b''
cli.close()
print(cli)
print(conn.recv(10), conn.read())
try:
    cli.recv(1)
except OSError as e:
    print("closed:", e.errno == errno.EBADF)
conn.close()
print(conn.fileno())
srv.close()
print("done")
