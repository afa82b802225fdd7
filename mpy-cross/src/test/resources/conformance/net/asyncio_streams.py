# MicroPython differs: asyncio's streams over the unix port's sockets (peername is sockaddr
# bytes; Stream has MicroPython's awrite/aclose).
# An echo server and its clients with asyncio.start_server and asyncio.open_connection.
import asyncio, socket

PORTS = range(39611, 39711, 7)
finished = 0


async def handle(reader, writer):
    global finished
    peer = writer.get_extra_info("peername")
    print("server: peer", type(peer), socket.sockaddr(peer)[1])
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    print("server: client done")
    writer.close()
    await writer.wait_closed()
    finished += 1


async def handlers_done(n):
    # output in a fixed order whatever the machine's load: wait for the server's side
    while finished < n:
        await asyncio.sleep_ms(5)


async def client(port, n, out=None):
    say = print if out is None else lambda *a: out.append(a)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for i in range(n):
        writer.write(b"line %d\n" % i)
        await writer.drain()
        say("client:", await reader.readline())
    await writer.awrite(b"xxpartialxx", 2, 7)
    await writer.awrite(b"\n")
    say("client:", await reader.readexactly(4), await reader.readline())
    writer.close()
    await writer.wait_closed()


async def start():
    for port in PORTS:
        try:
            return await asyncio.start_server(handle, "127.0.0.1", port), port
        except OSError:
            pass


async def main():
    server, port = await start()
    await client(port, 3)
    await handlers_done(1)
    # two clients at once; what they got is printed once the server is done with both
    a, b = [], []
    await asyncio.gather(client(port, 1, a), client(port, 1, b))
    await handlers_done(3)
    for line in a + b:
        print(*line)
    server.close()
    await server.wait_closed()
    print("server closed")
    # nobody listens now
    try:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        await r.read(1)
        print("connected?")
    except OSError as e:
        print("OSError", e.errno)
    # async with closes the server at the end of the block
    async with await asyncio.start_server(handle, "127.0.0.1", port) as s2:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(b"inside\n")
        await w.drain()
        print(await r.read(7))
        await w.aclose()
        await handlers_done(4)
    print("done")


asyncio.run(main())
