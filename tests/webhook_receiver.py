#!/usr/bin/python3
"""A real HTTP webhook receiver on loopback for the survey end-to-end test: every POST is
written to DIR as one JSON file (hook-<n>.json: path, headers, body) and answered 204, or
with the status in DIR/status when that file exists. The port (any free one) is written
to --port-file once it listens. Runs until SIGTERM."""
import argparse
import http.server
import itertools
import json
import os
import signal
import sys
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    counter = itertools.count(1)
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            status = 204
            try:
                with open(os.path.join(args.dir, "status")) as f:
                    status = int(f.read().strip())
            except (OSError, ValueError):
                pass
            if status < 300:
                with lock:
                    n = next(counter)
                name = os.path.join(args.dir, "hook-%d.json" % n)
                with open(name + ".tmp", "w") as f:
                    json.dump({"path": self.path,
                               "headers": {k.lower(): v for k, v in self.headers.items()},
                               "body": body}, f)
                os.rename(name + ".tmp", name)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *unused):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    signal.signal(signal.SIGTERM, lambda *unused: threading.Thread(target=server.shutdown).start())
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
