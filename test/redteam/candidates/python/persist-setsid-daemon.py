# Keep a warm worker running for the next evaluation: a daemon in its own
# session, detached from the evaluation, carrying a marker the test can find.
import os
import sys

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.closerange(0, 3)
        os.execv("/usr/bin/python3", ["/usr/bin/python3", "-c", "import time; time.sleep(120)", "__MARKER__"])
    os._exit(0)
os.wait()
print("daemon started", file=sys.stderr)


def priority(item, bins):
    return [-(b - item) for b in bins]
