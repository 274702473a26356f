#!/usr/bin/python3
"""Neutron as a cloud older than 2023.2 sees it: a proxy in front of the real Neutron.

Serves on 127.0.0.1:9697 (region RegionOld of the test cloud, cloud `scs-old-neutron`) and
passes every request on to Neutron at 127.0.0.1:9696, except that
`/v2.0/default-security-group-rules` answers 404 as a Neutron without that API does, and the
extension `security-groups-default-rules` is left out of `/v2.0/extensions`. So a client takes
its older-Neutron path (scs-0115: create a security group, read its rules, delete it) against
the real Neutron, whose security groups it creates and deletes.

Usage: old_neutron.py [LISTEN_PORT [UPSTREAM_PORT]]
"""

import http.client
import http.server
import json
import sys

HOST = "127.0.0.1"
HIDDEN_PATH = "/v2.0/default-security-group-rules"
HIDDEN_ALIAS = "security-groups-default-rules"
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailers", "transfer-encoding", "upgrade", "content-length", "host"}
NOT_FOUND = json.dumps({"NeutronError": {
    "type": "HTTPNotFound", "message": "The resource could not be found.", "detail": ""}}).encode()


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = 9696

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))

    def reply(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def forward(self):
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == HIDDEN_PATH or path.startswith(HIDDEN_PATH + "/") \
                or path == f"/v2.0/extensions/{HIDDEN_ALIAS}":
            return self.reply(404, [("Content-Type", "application/json")], NOT_FOUND)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(HOST, self.upstream, timeout=120)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            out_headers = resp.getheaders()
            status = resp.status
        except OSError as e:
            return self.reply(502, [("Content-Type", "text/plain")], f"neutron: {e}\n".encode())
        finally:
            conn.close()
        if path == "/v2.0/extensions" and status == 200:
            doc = json.loads(data)
            doc["extensions"] = [x for x in doc.get("extensions", []) if x.get("alias") != HIDDEN_ALIAS]
            data = json.dumps(doc).encode()
        self.reply(status, out_headers, data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = forward


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9697
    if len(sys.argv) > 2:
        Proxy.upstream = int(sys.argv[2])
    server = http.server.ThreadingHTTPServer((HOST, port), Proxy)
    server.serve_forever()


if __name__ == "__main__":
    main()
