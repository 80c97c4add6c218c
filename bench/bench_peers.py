# What bench_dedup's peers (bench_dedup_numpy.py, bench_dedup_faiss.py) share: the arrays the bench
# wrote, read the same way, and the name of the OpenBLAS kernel the process really loaded.
import ctypes, sys
import numpy as np


def arrays():
    """X (n x 3072) and Y (m x 3072) uint8 and k, from argv: XPATH YPATH N M K."""
    xpath, ypath, n, m, k = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    X = np.fromfile(xpath, dtype=np.uint8).reshape(n, 3072)
    Y = np.fromfile(ypath, dtype=np.uint8).reshape(m, 3072)
    return xpath, X, Y, k


def corename():
    for line in open('/proc/self/maps'):
        if 'openblas' in line or 'libblas' in line:
            path = line.split()[-1]
            try:
                lib = ctypes.CDLL(path)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                return lib.openblas_get_corename().decode() + ' (' + path + ')'
            except Exception:
                continue
    return 'unknown'
