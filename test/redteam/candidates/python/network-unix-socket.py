# Talk to a local helper over a unix socket (abstract or on disk).
import socket
import sys

for address in ("\0__UNIX_NAME__", "__UNIX_PATH__", "/run/dbus/system_bus_socket", "/var/run/docker.sock"):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(1)
        s.connect(address)
        print("PWNED unix socket", repr(address), file=sys.stderr)
        s.close()
    except OSError as error:
        print("unix", repr(address), error, file=sys.stderr)


def priority(item, bins):
    return [-(b - item) for b in bins]
