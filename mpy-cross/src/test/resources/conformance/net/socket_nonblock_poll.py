# MicroPython differs: the unix port's socket and select modules (sockaddr bytes, errno
# values from Linux, poll event bits as MicroPython numbers them).
# Non-blocking and timed sockets, and what select.poll says about them.
import socket, select, errno, time


def err(f):
    try:
        r = f()
        print("->", r)
    except OSError as e:
        print("OSError", errno.errorcode.get(e.errno, e.errno))


def listen():
    for port in range(39211, 39311, 7):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(socket.getaddrinfo("127.0.0.1", port)[0][-1])
        except OSError:
            s.close()
            continue
        s.listen(2)
        return s, port


srv, port = listen()
addr = socket.getaddrinfo("127.0.0.1", port)[0][-1]
poller = select.poll()

# a fresh socket: writable and hung up
fresh = socket.socket()
poller.register(fresh)
print(poller.poll(0)[0][1])
poller.unregister(fresh)
fresh.close()

# nothing to accept
srv.setblocking(False)
err(lambda: srv.accept())
srv.settimeout(0.05)
err(lambda: srv.accept())
poller.register(srv, select.POLLIN)
print(poller.poll(0))

# a non-blocking connect is in progress, then writable
cli = socket.socket()
cli.setblocking(False)
err(lambda: cli.connect(addr))
poller.register(cli, select.POLLOUT)
res = poller.poll(1000)
print([(o is cli, ev) for o, ev in res])
srv.setblocking(True)
conn, _ = srv.accept()
print(poller.poll(0) == [(cli, select.POLLOUT)] or poller.poll(0))

# reading with nothing there: recv raises EAGAIN, read gives None
err(lambda: cli.recv(4))
err(lambda: cli.read(4))
err(lambda: cli.readline())
err(lambda: conn.recv(4, socket.MSG_DONTWAIT))

# a timed socket: recv still EAGAIN, read and readline ETIMEDOUT
conn.settimeout(0.05)
err(lambda: conn.recv(4))
err(lambda: conn.read(4))
err(lambda: conn.readline())
conn.settimeout(None)

# data makes the peer readable (the listening socket stays quiet)
poller.modify(cli, select.POLLIN)
poller.register(conn, select.POLLIN | select.POLLOUT)
conn.send(b"xyz")
time.sleep(0.05)
for o, ev in sorted(poller.poll(500), key=lambda p: p[1]):
    print(o is cli, o is conn, ev)
print(cli.read(10))

# ipoll with the one-shot flag disarms the object until modify
poller.unregister(conn)
conn.send(b"again")
time.sleep(0.05)
print([ev for o, ev in poller.ipoll(100, 1)])
print([ev for o, ev in poller.ipoll(0)])
poller.modify(cli, select.POLLIN)
print([ev for o, ev in poller.ipoll(0)])
print(cli.recv(10))

# file descriptor numbers work with poll too
p2 = select.poll()
p2.register(cli.fileno(), select.POLLOUT)
print(p2.poll(0) == [(cli.fileno(), select.POLLOUT)])

# the peer closes: readable, and reads give b''
conn.close()
time.sleep(0.05)
print([ev for o, ev in poller.poll(100) if o is cli])
print(cli.recv(10))

# a closed socket polls as invalid
cli.close()
print(poller.poll(0))

# nobody listens: refused, blocking and non-blocking
srv.close()
time.sleep(0.05)
c2 = socket.socket()
err(lambda: c2.connect(addr))
c2.close()
c3 = socket.socket()
c3.setblocking(False)
err(lambda: c3.connect(addr))
p3 = select.poll()
p3.register(c3)
time.sleep(0.05)
print([ev for o, ev in p3.poll(1000)])
err(lambda: c3.send(b"x"))
err(lambda: c3.recv(1))
c3.close()
print("done")
