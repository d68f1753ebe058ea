# Prepended to each step script by evaluate.ts. Debian reaches BLAS and LAPACK
# through /etc/alternatives symlinks, and the sandbox shows only /usr: loading
# the real libraries first (by full path, under their sonames) lets torch's
# own references to libblas.so.3 and liblapack.so.3 resolve to them.
import ctypes
import glob
import os

for _name in ("libblas.so.3", "liblapack.so.3"):
    if not os.path.exists(f"/usr/lib/x86_64-linux-gnu/{_name}"):
        for _path in sorted(glob.glob(f"/usr/lib/*/*/{_name}")):
            try:
                ctypes.CDLL(_path, mode=ctypes.RTLD_GLOBAL)
                break
            except OSError:
                continue
