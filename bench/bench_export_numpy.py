"""NumPy baseline for bench_export: the same four formats for 60,000 images (50,000 train +
10,000 test) from arrays already in memory: pickle protocol 2 CIFAR dicts (5 train batches +
test), CIFAR binary records, np.savez (stored) train/test with the CIFAR-10.2 arrays, and .npy
data/labels. No selection, no manifest: a lower bound for a Python export script."""
import os, pickle, sys, time
import numpy as np

out, reps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)
splits = {s: (rng.integers(0, 256, (n, 32, 32, 3), dtype=np.uint8), rng.integers(0, 10, n).astype(np.int64))
          for s, n in (('train', 50000), ('test', 10000))}
names = np.array(['class%d' % i for i in range(10)])

def export():
    for s, (x, y) in splits.items():
        rows = x.transpose(0, 3, 1, 2).reshape(len(x), 3072)
        parts = np.array_split(np.arange(len(x)), 5 if s == 'train' else 1)
        for i, idx in enumerate(parts):
            d = {'batch_label': 'batch %d' % i, 'labels': y[idx].tolist(), 'data': rows[idx],
                 'filenames': ['f%d.png' % j for j in idx]}
            with open(os.path.join(out, '%s_%d' % (s, i)), 'wb') as f:
                pickle.dump(d, f, protocol=2)
            rec = np.empty((len(idx), 3073), np.uint8)
            rec[:, 0] = y[idx]; rec[:, 1:] = rows[idx]
            rec.tofile(os.path.join(out, '%s_%d.bin' % (s, i)))
        np.savez(os.path.join(out, s + '.npz'), images=x, labels=y, label_names=names,
                 ti_indices=np.arange(len(x), dtype=np.int64), keywords=np.array(['kw'] * len(x)))
        np.save(os.path.join(out, s + '_data.npy'), x)
        np.save(os.path.join(out, s + '_labels.npy'), y.astype(np.int32))

times, cpu = [], []
for _ in range(reps):
    t, c = time.perf_counter(), time.process_time(); export()
    times.append((time.perf_counter() - t) * 1000); cpu.append((time.process_time() - c) * 1000)
med = lambda v: sorted(v)[len(v) // 2]
print('numpy %s: same four formats from in-memory arrays: median %.0f ms wall, %.0f ms CPU (runs: %s)'
      % (np.__version__, med(times), med(cpu), ', '.join('%.0f' % t for t in times)))
