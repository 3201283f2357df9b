#!/usr/bin/python3
"""The peer of bench/survey_send_bench.sh: Python's own smtplib sends COUNT copies of one
message (a file in the sink's format: an X-Envelope-To line, then the message) to the same
loopback SMTP server over CONNECTIONS connections at once, one SMTP transaction per
message, as bellwether does, and prints the messages per second. It records nothing, so it
is the server's own ceiling for a sender that keeps no state.

Usage: smtp_peer.py PORT MESSAGE_FILE COUNT [CONNECTIONS]
"""
import smtplib
import sys
import threading
import time


def main():
    port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    connections = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    message = open(path, "rb").read().split(b"\r\n", 1)[1]
    per = count // connections

    def send(worker):
        client = smtplib.SMTP("127.0.0.1", port)
        for i in range(per):
            client.sendmail("peer@bench.example", ["peer-%d-%d@bench.example" % (worker, i)],
                            message)
        client.quit()

    start = time.monotonic()
    threads = [threading.Thread(target=send, args=(w,)) for w in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    print("%d %.3f %.1f" % (per * connections, seconds, per * connections / seconds))


if __name__ == "__main__":
    sys.exit(main())
