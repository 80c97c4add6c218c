# faiss baseline for bench_dedup: exact L2 top-k with IndexFlatL2 (Debian's python3-faiss, the same
# OpenBLAS as NumPy) on the same arrays; reports time, faiss's version and the BLAS kernel. Prints
# "faiss_missing <reason>" and exits 0 when faiss is not installed (the bench then skips this peer).
import ctypes, sys, time
import numpy as np
try:
    import faiss
except ImportError as e:
    print(f'faiss_missing {e} (apt-get install python3-faiss)')
    sys.exit(0)

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
