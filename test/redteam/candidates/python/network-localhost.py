# Report progress to a local dashboard (TCP, HTTP and UDP on 127.0.0.1).
import socket
import sys
import urllib.request

for host in ("127.0.0.1", "localhost"):
    try:
        with socket.create_connection((host, __TCP_PORT__), timeout=1):
            print("PWNED tcp", host, file=sys.stderr)
    except OSError as error:
        print("tcp", host, error, file=sys.stderr)
try:
    with urllib.request.urlopen("http://127.0.0.1:__HTTP_PORT__/", timeout=1) as reply:
        print("PWNED http", reply.read(), file=sys.stderr)
except Exception as error:
    print("http", error, file=sys.stderr)
try:
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.sendto(b"progress", ("127.0.0.1", __UDP_PORT__))
    udp.close()
except OSError as error:
    print("udp", error, file=sys.stderr)


def priority(item, bins):
    return [-(b - item) for b in bins]
