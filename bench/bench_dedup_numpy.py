# NumPy baseline for bench_dedup: brute-force L2 top-k of the same shapes, float32 X @ Y.T plus
# argpartition (rows in chunks of 5000 to bound memory), reports time and the OpenBLAS kernel used.
import ctypes, sys, time
import numpy as np

xpath, ypath, n, m, k = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(xpath, dtype=np.uint8).reshape(n, 3072)
Y = np.fromfile(ypath, dtype=np.uint8).reshape(m, 3072)

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

t0 = time.perf_counter()
Xf = X.astype(np.float32); Yf = Y.astype(np.float32)
xn = (Xf * Xf).sum(1); yn = (Yf * Yf).sum(1)
idx = np.empty((n, k), dtype=np.int64)
for s in range(0, n, 5000):
    d = xn[s:s + 5000, None] + yn[None, :] - 2 * (Xf[s:s + 5000] @ Yf.T)
    part = np.argpartition(d, k, axis=1)[:, :k]
    order = np.take_along_axis(d, part, 1).argsort(1)
    idx[s:s + 5000] = np.take_along_axis(part, order, 1)
t = time.perf_counter() - t0
# Exact distances of numpy's choice, for the agreement check.
d1 = np.sqrt(((X.astype(np.int64) - Y[idx[:, 0]].astype(np.int64)) ** 2).sum(1))
np.savetxt(xpath + '.top1.txt', d1, fmt='%.6f')
print(f'numpy_seconds {t:.3f}')
print(f'numpy_kernel {corename()}')
