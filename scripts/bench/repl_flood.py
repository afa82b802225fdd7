"""Flood benchmark for `mpt repl` (issue 15): the board prints >= 10 MB as fast as it can.

Part of scripts/bench/repl-flood.sh. Subcommands:
  baseline HOST PORT N   read the flood over a bare TCP connection (no terminal, no log):
                         prints the seconds it took
  check LOG N            the log holds lines 0..N-1 in order, each whole, then the end mark
"""
import re
import socket
import sys
import time

END = b"FLOOD-END"


def flood_code(n):
    # one simple statement, so the REPL runs it at the first Enter; the end mark is
    # built at run time, so the echo of the line does not contain it
    return ("exec(\"for i in range(%d): print('%%08d' %% i, 'x' * 90)\\nprint('FLOOD' + '-END')\")" % n)


def baseline(host, port, n):
    s = socket.create_connection((host, port))
    s.sendall(b"\r")
    buf = b""
    while not buf.endswith(b">>> "):
        buf += s.recv(65536)
    s.sendall(flood_code(n).encode() + b"\r")
    start = time.monotonic()
    tail = b""
    total = 0
    while True:
        chunk = s.recv(1 << 20)
        if not chunk:
            raise SystemExit("board closed the connection")
        total += len(chunk)
        tail = (tail + chunk)[-64:]
        if END in tail:
            break
    took = time.monotonic() - start
    s.close()
    print("%.3f %d" % (took, total))


def check(log, n):
    data = open(log, "rb").read()
    lines = data.replace(b"\r", b"").split(b"\n")
    want = 0
    bad = 0
    pattern = re.compile(rb"^(\d{8}) x{90}$")
    for line in lines:
        m = pattern.match(line)
        if m:
            if int(m.group(1)) != want:
                bad += 1
            want += 1
    ok = want == n and bad == 0 and END in data
    print("log: %d bytes, %d of %d lines, %d out of order, end mark %s -> %s"
          % (len(data), want, n, bad, "present" if END in data else "missing", "OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "code":
        print(flood_code(int(sys.argv[2])))
    elif cmd == "baseline":
        baseline(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "check":
        sys.exit(check(sys.argv[2], int(sys.argv[3])))
