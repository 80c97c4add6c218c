#!/usr/bin/python3
"""Writes the small seed corpora of the fuzz targets to tests/fuzz/corpus/<target>/ from
../shared/fixtures. Seeds are cut to a few records so each stays far below 100 KB; run it again
only when a format gains a variant worth seeding. Usage: scripts/fuzz-seeds.py [shared-dir]"""
import os
import pickle
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared')
FIX = os.path.join(SHARED, 'fixtures')
WORLD = os.path.join(FIX, 'world-small')
OUT = os.path.join(ROOT, 'tests', 'fuzz', 'corpus')


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    assert len(data) < 100_000, (target, name, len(data))
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def read(path, n=None):
    with open(path, 'rb') as f:
        return f.read() if n is None else f.read(n)


def small_batches():
    """Two-image CIFAR batches pickled the ways the reader must accept."""
    rng = np.random.default_rng(1)
    data = rng.integers(0, 256, (2, 3072), dtype=np.uint8)
    out = {}
    for proto in range(0, 6):
        out[f'p{proto}-str'] = pickle.dumps({'batch_label': 'testing batch 1 of 1', 'labels': [3, 7],
                                             'data': data, 'filenames': ['a.png', 'b.png']}, protocol=proto)
    out['p2-bytes'] = pickle.dumps({b'batch_label': b'x', b'labels': [1, 2], b'data': data}, protocol=2)
    out['p4-c100'] = pickle.dumps({'fine_labels': [1, 99], 'coarse_labels': [0, 19], 'data': data}, protocol=4)
    out['p3-nchw'] = pickle.dumps({'labels': [0, 1], 'data': data.reshape(2, 3, 32, 32)}, protocol=3)
    out['p5-fortran'] = pickle.dumps({'labels': np.array([0, 1], dtype=np.int64),
                                      'data': np.asfortranarray(data)}, protocol=5)
    return out


def pickle_seeds():
    for name, blob in small_batches().items():
        put('FuzzPickle', name, blob)
        put('FuzzCifarPython', 'batch-' + name, b'\x00' + blob)
    for variant in ('py3-protocol2', 'py3-protocol4'):
        meta = read(os.path.join(FIX, 'pickle-variants', variant, 'batches.meta'))
        put('FuzzPickle', variant + '-meta', meta)
        put('FuzzCifarPython', variant + '-meta', b'\x01' + meta)
    py2 = os.path.join(WORLD, 'cifar-10-batches-py')
    put('FuzzPickle', 'py2-meta', read(os.path.join(py2, 'batches.meta')))
    put('FuzzCifarPython', 'py2-meta', b'\x01' + read(os.path.join(py2, 'batches.meta')))
    # The Python 2 original: its head (keys, array header) is what matters; the pixels are cut.
    put('FuzzPickle', 'py2-batch-head', read(os.path.join(py2, 'data_batch_1'), 8192))
    put('FuzzCifarPython', 'py2-batch-head', b'\x00' + read(os.path.join(py2, 'data_batch_1'), 8192))


def binary_seeds():
    d = os.path.join(WORLD, 'cifar-10-batches-bin')
    put('FuzzCifarBinary', 'c10-3records', b'\x00' + read(os.path.join(d, 'data_batch_1.bin'), 3 * 3073))
    put('FuzzCifarBinary', 'c10-test-1record', b'\x01' + read(os.path.join(d, 'test_batch.bin'), 3073))
    rng = np.random.default_rng(2)
    recs = b''.join(bytes([c, f]) + rng.integers(0, 256, 3072, dtype=np.uint8).tobytes()
                    for c, f in ((0, 4), (19, 99), (7, 33)))
    put('FuzzCifarBinary', 'c100-3records', b'\x02' + recs)
    put('FuzzCifarBinary', 'names', b'\x00' + read(os.path.join(d, 'batches.meta.txt')))


def tiny_seeds():
    meta = read(os.path.join(WORLD, 'tinyimages', 'tiny_metadata.bin'))
    n = len(meta) // 768
    put('FuzzTinyMetadata', 'head-16', meta[:16 * 768])
    put('FuzzTinyMetadata', 'middle-16', meta[(n // 2) * 768:(n // 2 + 16) * 768])
    recs = [meta[i * 768:(i + 1) * 768] for i in range(0, 64)]
    put('FuzzTinyMetadata', 'unsorted-16', b''.join(reversed(recs[:16])))
    put('FuzzTinyMetadata', 'partial', meta[:3 * 768 + 100])


def catalog_seeds():
    put('FuzzKeywordCatalog', 'v6', read(os.path.join(WORLD, 'keyword_counts.json')))
    put('FuzzKeywordCatalog', 'flat', b'{"jetliner": 12, "airbus": 3, "\\u00e9cole": 1}')
    put('FuzzKeywordCatalog', 'nested-dup', b'{"a": {"x": 1, "x": 2}, "b": {}, "a": {"y": -1}}')


def npy_seeds():
    d = os.path.join(WORLD, 'cifar10.1')
    labels = read(os.path.join(d, 'cifar10.1_v6_labels.npy'))
    put('FuzzNpy', 'labels', labels)
    import io
    imgs = np.load(os.path.join(d, 'cifar10.1_v6_data.npy'))[:3]
    for name, arr, version in (('images-c', imgs, None), ('images-f', np.asfortranarray(imgs), None),
                               ('labels-i8-v2', np.arange(5, dtype='>i8'), (2, 0)),
                               ('names-v3', np.array(['cat', 'dög']), (3, 0))):
        b = io.BytesIO()
        if version:
            np.lib.format.write_array(b, arr, version=version)
        else:
            np.save(b, arr)
        put('FuzzNpy', name, b.getvalue())
    for compress in (False, True):
        b = io.BytesIO()
        save = np.savez_compressed if compress else np.savez
        save(b, images=imgs, labels=np.array([1, 2, 3]), label_names=np.array(['a', 'b']),
             ti_indices=np.array([5, 6, 7]), keywords=np.array(['k1', 'k2', 'k3']))
        put('FuzzNpz', 'c102-' + ('deflated' if compress else 'stored'), b.getvalue())


def xml_seeds():
    d = os.path.join(WORLD, 'labelimg')
    for name in sorted(os.listdir(d))[:6]:
        put('FuzzLabelImg', name, read(os.path.join(d, name)))


def csv_seeds():
    put('FuzzDecisionCsv', 'full', b'tiny_index,verdict,annotator,class,keyword,source\n'
        b'0,accept,ann,airplane,airbus,\n1,reject,ann,,,\n,unsure,bob,cat,,"a,b.png"\n')
    put('FuzzDecisionCsv', 'reordered', b'annotator,verdict,tiny_index\r\nann,accept,2\r\nann,"re""ject",3\r\n')


if __name__ == '__main__':
    pickle_seeds()
    binary_seeds()
    tiny_seeds()
    catalog_seeds()
    npy_seeds()
    xml_seeds()
    csv_seeds()
