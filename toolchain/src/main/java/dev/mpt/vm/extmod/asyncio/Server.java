package dev.mpt.vm.extmod.asyncio;

import static dev.mpt.vm.extmod.asyncio.Asyncio.*;
import static dev.mpt.vm.extmod.asyncio.Funcs.*;

import dev.mpt.vm.BuiltinTypes;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyDict;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyGenerator;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyObject;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.PyType;
import dev.mpt.vm.Types;
import dev.mpt.vm.extmod.Socket;
import java.util.HashMap;
import java.util.Map;

/**
 * asyncio's network streams (MicroPython's stream.py, second half): open_connection starts a
 * non-blocking connect and hands back the stream once the socket is writable; start_server
 * listens and runs a task that accepts each connection and starts the callback on it as a
 * new task; Server.close cancels that task, which closes the listening socket. An ssl context
 * given to either wraps the sockets through its wrap_socket.
 */
final class Server implements PyObject {
    final Loop loop;
    Task task;
    /** True once close() was called: the serving task then ends quietly when cancelled. */
    boolean closing;

    Server(Loop loop) {
        this.loop = loop;
    }

    public PyType type() {
        return loop.serverType;
    }

    static void init(Loop loop) {
        BuiltinTypes.method(loop.serverType, "close", (a, kw) -> {
            Server srv = (Server) a[0];
            srv.closing = true;
            if (srv.task != null) {
                cancel(loop, srv.task);
            }
            return PyNone.NONE;
        });
        BuiltinTypes.method(loop.serverType, "wait_closed", (a, kw) -> waitClosed((Server) a[0]));
        BuiltinTypes.method(loop.serverType, "__aenter__", (a, kw) -> doneAwait(a[0]));
        BuiltinTypes.method(loop.serverType, "__aexit__", (a, kw) -> {
            Server srv = (Server) a[0];
            return awaiting(() -> {
                srv.closing = true;
                cancel(loop, srv.task);
                return waitClosed(srv);
            });
        });
    }

    static Machine waitClosed(Server srv) {
        return awaiting(() -> srv.task);
    }

    /** Wraps a socket with an ssl context's wrap_socket (the handshake happens on first use). */
    static Object wrap(Object ssl, Object sock, boolean serverSide, Object hostname) {
        Map<String, Object> kw = new HashMap<>();
        if (serverSide) {
            kw.put("server_side", Boolean.TRUE);
        } else {
            kw.put("server_hostname", hostname);
        }
        kw.put("do_handshake_on_connect", Boolean.FALSE);
        return Ops.call(Ops.getattr(ssl, "wrap_socket"), new Object[] {sock}, kw);
    }

    /** open_connection(host, port, ssl=None, server_hostname=None). */
    static Machine openConnection(Loop loop, Object[] a, Map<String, Object> kw) {
        Object host = arg(a, kw, 0, "host", null);
        Object port = arg(a, kw, 1, "port", null);
        Object ssl = arg(a, kw, 2, "ssl", PyNone.NONE);
        Object hostname = arg(a, kw, 3, "server_hostname", PyNone.NONE);
        return new Machine() {
            Object stream;

            PyGenerator.Resume advance(Object value, PyError err) {
                if (err != null) {
                    throw err;
                }
                if (stream == null) {
                    Object s = Socket.connecting(loop.vm, host, port);
                    if (Ops.truthy(ssl)) {
                        Object ctx = ssl == Boolean.TRUE ? dev.mpt.vm.extmod.Tls.clientContext(loop.vm) : ssl;
                        s = wrap(ctx, s, false, Ops.truthy(hostname) ? hostname : host);
                        Ops.call(Ops.getattr(s, "setblocking"), Boolean.FALSE);
                    }
                    stream = new Stream(loop, s, new PyDict());
                    loop.io.enqueue(loop, s, 1);
                    return YIELD;
                }
                return done(PyTuple.of(stream, stream));
            }
        }.at("stream", "open_connection");
    }

    /** start_server(cb, host, port, backlog=5, ssl=None). */
    static Machine startServer(Loop loop, Object[] a, Map<String, Object> kw) {
        Object cb = arg(a, kw, 0, "cb", null);
        Object host = arg(a, kw, 1, "host", null);
        Object port = arg(a, kw, 2, "port", null);
        long backlog = Ops.toLong(arg(a, kw, 3, "backlog", 5L));
        Object ssl = arg(a, kw, 4, "ssl", PyNone.NONE);
        return new Machine() {
            Server srv;

            PyGenerator.Resume advance(Object value, PyError err) {
                if (srv == null) {
                    if (err != null) {
                        throw err;
                    }
                    Object s = Socket.listening(loop.vm, host, port, backlog);
                    srv = new Server(loop);
                    srv.task = createTask(loop, serve(loop, srv, s, cb, ssl));
                    return await(sleepMs(loop, 0));
                }
                if (err != null) {
                    if (err.exc.isInstance(loop.cancelledError)) {
                        cancel(loop, srv.task);
                    }
                    throw err;
                }
                return done(srv);
            }
        }.at("stream", "start_server");
    }

    /** The serving task: wait for a connection, accept it, start cb on its stream; until cancelled. */
    static Machine serve(Loop loop, Server srv, Object s, Object cb, Object ssl) {
        return new Machine() {
            boolean waiting;

            PyGenerator.Resume advance(Object value, PyError err) {
                while (true) {
                    if (!waiting) {
                        waiting = true;
                        loop.io.enqueue(loop, s, 0);
                        return YIELD;
                    }
                    waiting = false;
                    if (err != null) {
                        if (err.exc.isInstance(loop.cancelledError)) {
                            Ops.call(Ops.getattr(s, "close"));
                            if (srv.closing) {
                                return done(PyNone.NONE);
                            }
                        }
                        throw err;
                    }
                    Object s2;
                    Object addr;
                    try {
                        PyTuple r = (PyTuple) Ops.call(Ops.getattr(s, "accept"));
                        s2 = r.items[0];
                        addr = r.items[1];
                    } catch (PyError e) {
                        if (!e.exc.isInstance(Types.EXCEPTION)) {
                            throw e;
                        }
                        continue; // a failed accept is ignored, as stream.py does
                    }
                    if (Ops.truthy(ssl)) {
                        try {
                            s2 = wrap(ssl, s2, true, PyNone.NONE);
                        } catch (PyError e) {
                            if (!e.exc.isInstance(Types.OS_ERROR)) {
                                throw e;
                            }
                            loop.vm.flush();
                            loop.vm.writeErr(dev.mpt.vm.VM.formatException(e.exc));
                            Ops.call(Ops.getattr(s2, "close"));
                            continue;
                        }
                    }
                    Ops.call(Ops.getattr(s2, "setblocking"), Boolean.FALSE);
                    PyDict extra = new PyDict();
                    extra.put("peername", addr);
                    Stream st = new Stream(loop, s2, extra);
                    createTask(loop, Ops.call(cb, st, st));
                }
            }
        };
    }

    static Object arg(Object[] a, Map<String, Object> kw, int i, String name, Object dflt) {
        if (i < a.length) {
            return a[i];
        }
        if (kw != null && kw.containsKey(name)) {
            return kw.get(name);
        }
        if (dflt == null) {
            throw Ops.typeError("function missing required positional argument #" + (i + 1));
        }
        return dflt;
    }
}
