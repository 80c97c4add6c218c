# NumPy baseline for bench_dedup: brute-force L2 top-k of the same shapes, float32 X @ Y.T plus
# argpartition (rows in chunks of 5000 to bound memory), reports time and the OpenBLAS kernel used.
import sys, time
import numpy as np
from bench_peers import arrays, corename

xpath, X, Y, k = arrays()
n = X.shape[0]

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
