# faiss baseline for bench_dedup: exact L2 top-k with IndexFlatL2 (Debian's python3-faiss, the same
# OpenBLAS as NumPy) on the same arrays; reports time, faiss's version and the BLAS kernel. Prints
# "faiss_missing <reason>" and exits 0 when faiss is not installed (the bench then skips this peer).
import sys, time
import numpy as np
from bench_peers import arrays, corename
try:
    import faiss
except ImportError as e:
    print(f'faiss_missing {e} (apt-get install python3-faiss)')
    sys.exit(0)

xpath, X, Y, k = arrays()
n = X.shape[0]

t0 = time.perf_counter()
c0 = time.process_time()
index = faiss.IndexFlatL2(3072)
index.add(Y.astype(np.float32))
D, I = index.search(X.astype(np.float32), k)
t = time.perf_counter() - t0
c = time.process_time() - c0
# Exact distances of faiss's choice, for the agreement check.
d1 = np.sqrt(((X.astype(np.int64) - Y[I[:, 0]].astype(np.int64)) ** 2).sum(1))
np.savetxt(xpath + '.faiss_top1.txt', d1, fmt='%.6f')
print(f'faiss_seconds {t:.3f}')
print(f'faiss_cpu_seconds {c:.3f}')
print(f'faiss_version {faiss.__version__} threads {faiss.omp_get_max_threads()}')
print(f'faiss_kernel {corename()}')
