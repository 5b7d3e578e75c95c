#!/usr/bin/env python3
"""Non-AMT servers for the scan-benchmark rig (and, with --amt, a stand-in AMT fleet).

Usage: rig_httpd.py DIR [--amt]
  Reads DIR/others.json (ip, port, personality, tls) and binds exactly those ip:port pairs.
  With --amt it also serves DIR/hosts.json as simple AMT stand-ins (401 Digest challenge; an
  empty `response=""` gets 200 in vulnerable mode, 401 in patched mode). The stand-in exists so
  the rig can be validated before `amtscope emulate` is available; the benchmark uses the real
  emulator whenever it can (rig.sh RIG_EMU).
TLS listeners use DIR/cert.pem + DIR/key.pem. Prints "listening N" once every socket is bound.
"""
import asyncio
import hashlib
import json
import os
import resource
import secrets
import ssl
import sys

OK_BODY = b"<html><body><h1>It works!</h1></body></html>\n"
AMT_401_BODY = (b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" >\n<html><head>'
                b"<title>Intel&reg; Active Management Technology</title></head><body>"
                b"<h2 class=warn>Log on failed. Incorrect user name or password, or user account "
                b"temporarily locked.</h2></body></html>\n")
AMT_200_BODY = (b"<html><head><title>Intel&reg; Active Management Technology</title></head><body>"
                b"<h1>System Status</h1><p>Power: On</p></body></html>\n")


def response(status, headers, body, close=True):
    lines = [b"HTTP/1.1 " + status] + headers + [b"Content-Length: " + str(len(body)).encode()]
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def authorization(head):
    for line in head.split(b"\r\n")[1:]:
        if line[:14].lower() == b"authorization:":
            return line[14:].strip()
    return b""


def digest_challenge(ip, server):
    realm = b"Digest:" + hashlib.md5(ip.encode()).hexdigest().upper().encode()
    nonce = secrets.token_urlsafe(24).encode()
    return response(b"401 Unauthorized",
                    [b'WWW-Authenticate: Digest realm="' + realm + b'", nonce="' + nonce +
                     b'",stale="false",qop="auth"', b"Content-Type: text/html",
                     b"Server: " + server], AMT_401_BODY)


def empty_digest_response(auth):
    compact = auth.replace(b" ", b"")
    return auth[:6].lower() == b"digest" and (b'response=""' in compact or
                                              b"response=," in compact or compact.endswith(b"response="))


def answer_other(pers, ip, head):
    if pers == "apache":
        return response(b"200 OK", [b"Server: Apache/2.4.57 (Debian)", b"Content-Type: text/html"],
                        OK_BODY)
    if pers == "nginx404":
        return response(b"404 Not Found", [b"Server: nginx/1.22.1", b"Content-Type: text/html"],
                        b"<html><body>404 Not Found</body></html>\n")
    if pers == "basic401":
        return response(b"401 Unauthorized", [b'WWW-Authenticate: Basic realm="router"',
                                              b"Server: lighttpd/1.4.69"], b"unauthorized\n")
    if pers == "digest401":
        return response(b"401 Unauthorized",
                        [b'WWW-Authenticate: Digest realm="HP Color LaserJet", nonce="' +
                         secrets.token_hex(16).encode() + b'", qop="auth"',
                         b"Server: HP HTTP Server; HP Color LaserJet"], b"unauthorized\n")
    if pers == "honeypot":
        # Claims AMT 8.1.40 but lets ANY Authorization in (docs/protocol.md §1.5: a scanner
        # that checks only "200 after response=\"\"" calls this vulnerable).
        if authorization(head):
            return response(b"200 OK", [b"Content-Type: text/html",
                                        b"Server: Intel(R) Active Management Technology 8.1.40"],
                            AMT_200_BODY)
        return digest_challenge(ip, b"Intel(R) Active Management Technology 8.1.40")
    if pers == "tls-nginx":
        return response(b"200 OK", [b"Server: nginx/1.22.1", b"Content-Type: text/html"], OK_BODY)
    return response(b"500 Internal Server Error", [], b"")


def answer_amt(h, ip, head):
    server = h["server"].encode()
    auth = authorization(head)
    path = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b"/"
    if h["banner"] == "no-webui" and path != b"/wsman":
        return response(b"404 Not Found", [b"Content-Type: text/html", b"Server: " + server], b"")
    if h["mode"] == "vulnerable" and b'username="admin"' in auth and empty_digest_response(auth):
        return response(b"200 OK", [b"Content-Type: text/html", b"Server: " + server], AMT_200_BODY)
    return digest_challenge(ip, server)


async def serve(reader, writer, what, is_amt, stats):
    stats["conn"] += 1
    try:
        ip = writer.get_extra_info("sockname")[0]
        if not is_amt and what["personality"] == "tarpit":
            await asyncio.sleep(3600)
            return
        if not is_amt and what["personality"] == "garbage":
            writer.write(secrets.token_bytes(300))
            await writer.drain()
            return
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
        stats["req"] += 1
        writer.write(answer_amt(what, ip, head) if is_amt else answer_other(what["personality"], ip, head))
        await writer.drain()
    except Exception:
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


def tls_context(d):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.path.join(d, "cert.pem"), os.path.join(d, "key.pem"))
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")   # old AMT speaks TLS 1.0/1.1 (§2.9)
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    return ctx


async def main():
    d = sys.argv[1]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    ctx = tls_context(d)
    stats = {"conn": 0, "req": 0}
    jobs = []
    for o in json.load(open(os.path.join(d, "others.json"))):
        if o["personality"] != "pyhttp":
            jobs.append((o["ip"], o["port"], o, False, o["tls"]))
    if "--amt" in sys.argv:
        for h in json.load(open(os.path.join(d, "hosts.json"))):
            for p in h["ports"]:
                jobs.append((h["ip"], p, h, True, p == 16993))
    servers = []
    for ip, port, what, is_amt, tls in jobs:
        cb = (lambda w, a: lambda r, wr: serve(r, wr, w, a, stats))(what, is_amt)
        servers.append(await asyncio.start_server(cb, ip, port, backlog=1024, reuse_address=True,
                                                  ssl=ctx if tls else None,
                                                  ssl_handshake_timeout=5.0 if tls else None))
    print(f"listening {len(servers)}", flush=True)
    while True:
        await asyncio.sleep(10)
        print(f"stats conn={stats['conn']} req={stats['req']}", flush=True)


asyncio.run(main())
