# The end-to-end peer of `tinycurator-cli dedup` (docs/BENCHMARKS.md, shift- and flip-aware near
# duplicates): faiss IndexFlatL2 top-5 of the same candidates (read from the project file) against the
# same reference sets (read from the world's files), loading included. Run with Debian's python3:
#   /usr/bin/python3 bench/dedup_e2e_faiss.py PROJECT.tcproj WORLD_DIR
import os, pickle, sqlite3, sys, time
import numpy as np
import faiss

t0, c0 = time.perf_counter(), time.process_time()
project, world = sys.argv[1], sys.argv[2]
con = sqlite3.connect(f'file:{project}?mode=ro', uri=True)
X = np.frombuffer(b''.join(r[0] for r in con.execute('SELECT pixels FROM candidates ORDER BY id')), np.uint8)
X = X.reshape(-1, 3072).astype(np.float32)

def batch(path):
    with open(path, 'rb') as f:
        d = pickle.load(f, encoding='bytes')
    return np.asarray(d[b'data'], np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).reshape(-1, 3072)

py = os.path.join(world, 'cifar-10-batches-py')
sets = [np.concatenate([batch(os.path.join(py, n)) for n in sorted(os.listdir(py)) if n.startswith('data_batch_')]),
        batch(os.path.join(py, 'test_batch')),
        np.load(os.path.join(world, 'cifar10.1/cifar10.1_v6_data.npy')).reshape(-1, 3072)]
loaded = time.perf_counter() - t0
total = 0
for Y in sets:
    index = faiss.IndexFlatL2(3072)
    index.add(Y.astype(np.float32))
    D, I = index.search(X, 5)
    total += len(Y)
print(f'faiss IndexFlatL2 top-5, {len(X)} candidates x {total} references in {len(sets)} sets: '
      f'{time.perf_counter() - t0:.2f} s wall ({loaded:.2f} s loading), {time.process_time() - c0:.2f} s CPU, '
      f'faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads')
