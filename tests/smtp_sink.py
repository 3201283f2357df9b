#!/usr/bin/python3
"""A real SMTP server on loopback for the survey tests and benchmark (Debian's
python3-aiosmtpd). Every message it accepts is written to DIR as one file
(msg-<n>.eml, written to a temporary name first and renamed, so a reader never sees half
a message).

What it answers can be changed while it runs, through files in DIR:
  DIR/tempfail   exists: every message is refused with "451 4.3.0 Try again later"
  DIR/delay_ms   a number: wait this long before accepting each message
Recipients at the domain given by --reject-domain are refused with "550 5.1.1".

The port it listens on (0: any free one) is written to --port-file once it listens.
It runs until SIGTERM or SIGINT.
"""
import argparse
import asyncio
import itertools
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, reject_domain):
        self.directory = directory
        self.reject_domain = reject_domain
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_domain and address.lower().endswith("@" + self.reject_domain):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.directory, "tempfail")):
            return "451 4.3.0 Try again later"
        try:
            with open(os.path.join(self.directory, "delay_ms")) as f:
                delay = int(f.read().strip() or "0")
        except (OSError, ValueError):
            delay = 0
        if delay > 0:
            await asyncio.sleep(delay / 1000.0)
        n = next(self.counter)
        name = os.path.join(self.directory, "msg-%d.eml" % n)
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--reject-domain", default="")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port
    if port == 0:
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    controller = Controller(Sink(args.dir, args.reject_domain), hostname="127.0.0.1", port=port,
                            data_size_limit=10 * 1024 * 1024)
    controller.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)
    stop = [False]

    def on_signal(signum, frame):
        stop[0] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while not stop[0]:
        signal.pause()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
