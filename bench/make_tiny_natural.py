#!/usr/bin/python3
"""Generates a Tiny Images pair of natural images for the `locate` benchmark (never commit the output).

    /usr/bin/python3 bench/make_tiny_natural.py --source cifar10_all_data.npy --meta-from tiny2m \\
        --out /tmp/l2-out/natural --records 200000

make_tiny_bench.py's records are uniform random pixels: every one is about equally far from any
photograph, which no bound on block means can tell apart. Real Tiny Images records are photographs.
These records are photographs too, but none is a copy or near copy of a source image: each is a
source image (N, 32, 32, 3 uint8) rotated by 90, 180 or 270 degrees or flipped upside down, with
its colour channels permuted, in the Tiny record layout (channel planes, column-major).
tiny_metadata.bin is the first --records records of --meta-from's (the keywords do not matter here).
"""
import argparse
import os
import shutil

import numpy as np

PERMS = [[1, 2, 0], [2, 0, 1], [0, 2, 1], [2, 1, 0], [1, 0, 2]]


def variant(images, v):
    rot = v % 4
    out = np.rot90(images, k=rot, axes=(1, 2)) if rot else images[:, ::-1]
    return out[..., PERMS[v % len(PERMS)]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--source', required=True)
    ap.add_argument('--meta-from', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--records', type=int, default=200000)
    a = ap.parse_args()
    src = np.load(a.source, mmap_mode='r')
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(11)
    with open(os.path.join(a.out, 'tiny_images.bin'), 'wb') as f:
        for first in range(0, a.records, 4096):
            m = min(4096, a.records - first)
            idx = rng.integers(0, len(src), size=m)
            imgs = np.asarray(src[np.sort(idx)])
            v = rng.integers(0, 20)
            recs = variant(imgs, int(v))  # (m, 32, 32, 3): row, col, channel
            f.write(np.ascontiguousarray(recs.transpose(0, 3, 2, 1)).tobytes())  # channel, col, row
    with open(os.path.join(a.meta_from, 'tiny_metadata.bin'), 'rb') as src_meta, \
            open(os.path.join(a.out, 'tiny_metadata.bin'), 'wb') as meta:
        meta.write(src_meta.read(a.records * 768))
    shutil.copy(os.path.join(a.meta_from, 'keyword_counts.json'), a.out)


if __name__ == '__main__':
    main()
