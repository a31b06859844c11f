#!/usr/bin/env python3
"""Hostile HTTP clients for the control API's reliability test.

Each subcommand plays one kind of bad client against 127.0.0.1:PORT and
prints one JSON line with what it saw (status, bytes sent, seconds). Every
socket has a timeout and every loop a bound, so the test cannot hang.
"""
import json
import socket
import sys
import threading
import time

HOST = "127.0.0.1"


def connect(port, timeout=5.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    s.settimeout(timeout)
    return s


def read_answer(s, limit=65536):
    """The status code and body of an answer, or None when the connection
    closed or reset without one."""
    data = b""
    try:
        while len(data) < limit:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout, BrokenPipeError):
        pass
    if not data.startswith(b"HTTP/1."):
        return None, data
    status = int(data.split(b" ", 2)[1])
    body = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
    return status, body


def raw(port, request, timeout=8.0):
    """Sends raw bytes and reads the answer."""
    s = connect(port, timeout)
    try:
        s.sendall(request)
        status, body = read_answer(s)
    finally:
        s.close()
    return {"status": status, "body": body.decode("utf-8", "replace")[:300],
            "json": is_json(body)}


def is_json(body):
    try:
        json.loads(body.decode("utf-8"))
        return True
    except Exception:
        return False


def flood(port, head, total, chunked, timeout=6.0):
    """Sends `head`, then up to `total` body bytes (chunked or plain) for as
    long as the server takes them; returns how much it took and its answer."""
    s = connect(port, timeout)
    # A small send buffer: what `sent` counts beyond what the server read is then only the server's
    # own receive buffer, not megabytes queued on this side too.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
    sent = 0
    block = b"x" * 65536
    started = time.monotonic()
    try:
        s.sendall(head)
        while sent < total and time.monotonic() - started < 20:
            payload = (b"%x\r\n" % len(block)) + block + b"\r\n" if chunked else block
            s.sendall(payload)
            sent += len(block)
    except (BrokenPipeError, ConnectionResetError, socket.timeout):
        pass
    s.settimeout(3.0)
    status, body = read_answer(s)
    s.close()
    return {"status": status, "sent": sent, "body": body.decode("utf-8", "replace")[:200],
            "seconds": round(time.monotonic() - started, 3)}


def request(port, method, path, token=None, body=None, timeout=10.0):
    head = "%s %s HTTP/1.1\r\nHost: %s\r\n" % (method, path, HOST)
    if token:
        head += "Authorization: Bearer %s\r\n" % token
    data = body if body is not None else b""
    if method == "POST":
        head += "Content-Type: application/json\r\nContent-Length: %d\r\n" % len(data)
    head += "Connection: close\r\n\r\n"
    started = time.monotonic()
    r = raw(port, head.encode() + data, timeout)
    r["seconds"] = round(time.monotonic() - started, 4)
    return r


def main():
    port = int(sys.argv[1])
    what = sys.argv[2]
    args = sys.argv[3:]
    if what == "raw":  # raw PORT raw HEX
        out = raw(port, bytes.fromhex(args[0]))
    elif what == "flood":  # flood PORT flood PATH TOKEN|- MEGABYTES chunked|length|none
        path, token, megabytes, mode = args[0], args[1], int(args[2]), args[3]
        head = "POST %s HTTP/1.1\r\nHost: x\r\n" % path
        if token != "-":
            head += "Authorization: Bearer %s\r\n" % token
        total = megabytes << 20
        if mode == "chunked":
            head += "Transfer-Encoding: chunked\r\n"
        elif mode == "length":
            head += "Content-Length: %d\r\n" % total
        out = flood(port, (head + "\r\n").encode(), total, mode == "chunked")
    elif what == "lying":  # says LENGTH, sends SENT bytes, then waits
        length, sent = int(args[0]), int(args[1])
        s = connect(port, 15.0)
        started = time.monotonic()
        s.sendall(("POST /api/v1/take HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                   "Content-Length: %d\r\n\r\n" % (args[2], length)).encode() + b"{" * sent)
        status, body = read_answer(s)
        s.close()
        out = {"status": status, "seconds": round(time.monotonic() - started, 3)}
    elif what == "pressure":
        # pressure PORT pressure SECONDS OPERATOR INGEST SESSION IDLE SLOW FLOODERS
        seconds, operator, ingest, session = float(args[0]), args[1], args[2], args[3]
        idle_n, slow_n, flooders = int(args[4]), int(args[5]), int(args[6])
        stop = time.monotonic() + seconds
        held = []
        for _ in range(idle_n):  # connections that never send a byte
            try:
                held.append(connect(port, 2.0))
            except OSError:
                break
        counts = {"ingest_ok": 0, "ingest_503": 0, "ingest_503_retry_after": 0, "ingest_other": 0}
        lock = threading.Lock()

        def slowloris():
            try:
                s = connect(port, 2.0)
                for ch in b"GET /api/v1/state HTTP/1.1\r\nHost: x\r\n":
                    if time.monotonic() > stop:
                        break
                    s.sendall(bytes([ch]))
                    time.sleep(0.4)
                s.close()
            except OSError:
                pass

        def ingest_flood(worker):
            n = 0
            while time.monotonic() < stop and n < 100000:
                events = [{"id": "p%d-%d-%d" % (worker, n, i), "type": "like", "ts": int(time.time() * 1000),
                           "viewer": "v%d" % i, "count": 1} for i in range(200)]
                body = json.dumps({"events": events}).encode()
                try:
                    s = connect(port, 10.0)
                    s.sendall(("POST /api/v1/sessions/%s/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                               "Content-Length: %d\r\n\r\n" % (session, ingest, len(body))).encode() + body)
                    data = b""
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    s.close()
                except OSError:
                    data = b""
                status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0
                with lock:
                    if status == 200:
                        counts["ingest_ok"] += 1
                    elif status == 503:
                        counts["ingest_503"] += 1
                        if b"\r\nRetry-After:" in data.split(b"\r\n\r\n", 1)[0]:
                            counts["ingest_503_retry_after"] += 1
                    else:
                        counts["ingest_other"] += 1
                n += 1

        threads = [threading.Thread(target=slowloris) for _ in range(slow_n)]
        threads += [threading.Thread(target=ingest_flood, args=(w,)) for w in range(flooders)]
        for t in threads:
            t.start()
        time.sleep(min(2.0, seconds / 3))
        takes = []
        while time.monotonic() < stop - 0.5 and len(takes) < 40:
            r = request(port, "POST", "/api/v1/take", operator, b"{}")
            takes.append({"status": r["status"], "seconds": r["seconds"]})
            time.sleep(0.3)
        for t in threads:
            t.join(timeout=30)
        for s in held:
            s.close()
        out = dict(counts)
        out["takes"] = takes
        out["idle_held"] = len(held)
    else:
        raise SystemExit("unknown action " + what)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
