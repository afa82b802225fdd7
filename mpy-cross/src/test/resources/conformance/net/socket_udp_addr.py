# MicroPython differs: the unix port's socket module (getaddrinfo gives Linux sockaddr
# bytes; inet_pton/inet_ntop/sockaddr; errors as Linux numbers them).
# UDP over loopback, and the address helpers.
import socket, errno, time


def err(f):
    try:
        print("->", f())
    except OSError as e:
        print(type(e).__name__, errno.errorcode.get(e.args[0], e.args[0]))
    except TypeError as e:
        print("TypeError")


print(socket.getaddrinfo("127.0.0.1", 80))
print(socket.getaddrinfo("127.0.0.1", "8080", 0, socket.SOCK_DGRAM))
print(socket.getaddrinfo("0.0.0.0", 70000, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", 80, 0, 0, 6))
print(socket.getaddrinfo("127.0.0.1", "http"))
err(lambda: socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET6))
err(lambda: socket.getaddrinfo("", 80))
print(socket.sockaddr(socket.getaddrinfo("10.1.2.3", 443)[0][-1]))
print(socket.sockaddr(socket.getaddrinfo("fe80::1:2", 443)[0][-1]))
for text in ("1.2.3.4", "255.255.255.0", "1.2.3", "01.2.3.4"):
    err(lambda: socket.inet_pton(socket.AF_INET, text))
for text in ("::", "::1", "2001:db8::8a2e:370:7334", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "1::2::3", "12345::"):
    err(lambda: socket.inet_pton(socket.AF_INET6, text))
for b in (b"\0" * 16, b"\0" * 15 + b"\1", b"\x20\x01\x0d\xb8" + b"\0" * 8 + b"\0\1\0\2",
          b"\0" * 10 + b"\xff\xff\xc0\xa8\1\1", b"\0\1\0\0\0\0\0\1\0\0\0\0\0\0\0\1"):
    print(socket.inet_ntop(socket.AF_INET6, b))
print(socket.inet_ntop(socket.AF_INET, b"\xc0\xa8\x00\x01"))

# constructor checks
err(lambda: socket.socket(None))
err(lambda: socket.socket(socket.AF_INET, None))
err(lambda: socket.socket(socket.AF_INET, 123456))
err(lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, None))
err(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).recv(1))
err(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).send(b"x"))
err(lambda: socket.socket().setsockopt(socket.SOL_SOCKET, 999, 1))

# two UDP sockets on loopback
def bound():
    for port in range(39411, 39511, 7):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(socket.getaddrinfo("127.0.0.1", port)[0][-1])
            return s, port
        except OSError:
            s.close()


a, pa = bound()
b, pb = bound()
addr_a = socket.getaddrinfo("127.0.0.1", pa)[0][-1]
addr_b = socket.getaddrinfo("127.0.0.1", pb)[0][-1]
print(a.sendto(b"datagram one", addr_b))
print(a.sendto(b"two", 0, addr_b))
data, frm = b.recvfrom(100)
print(data, type(frm), socket.sockaddr(frm)[2] == pa)
print(b.recv(100, socket.MSG_PEEK), b.recv(1))
b.setblocking(False)
err(lambda: b.recv(10))
err(lambda: b.read(10))
err(lambda: b.recvfrom(10))
b.settimeout(0.05)
err(lambda: b.recv(10))
err(lambda: b.read(10))
# a connected UDP socket sends with send and write
b.connect(addr_a)
print(b.send(b"back"), b.write(b"again"))
time.sleep(0.05)
print(a.recv(2), a.recv(100))
a.close()
b.close()
print("done")
