#!/usr/bin/python3
"""Generates a Tiny Images pair of any size for the project import benchmark (never commit the output).

    /usr/bin/python3 bench/make_tiny_bench.py --out /tmp/tc-tiny500k --records 500000

Writes tiny_images.bin (random pixels), tiny_metadata.bin (768-byte records in the real layout, sorted
by keyword) and keyword_counts.json (10 classes x --keywords-per-class keywords, all of them catalog
keywords) plus --filler records of keywords outside the catalog before and after them, so the import
has to binary-search its keywords.
"""
import argparse
import json
import os

import numpy as np

CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']


def field(s, w):
    b = s.encode('ascii')[:w]
    return b + b' ' * (w - len(b))


def meta_record(keyword, idx):
    filename = f'{keyword}_s_{idx:06d}.png'
    return (field(keyword, 80) + field(filename, 80) + b' ' * 15 + b'32323' + field('2007-03-15 12:00:00', 32)
            + field('google', 10) + field(f'http://t.example/{keyword}/{idx}', 200)
            + field(f'http://example.com/{keyword}/{idx}.jpg', 298) + b' ' * 30
            + f'{idx // 20:<4d}{idx % 20:<4d}{idx:<4d}{(idx + 1) % 10000:<4d}{-1:<2d}'.encode('ascii')[:18])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--records', type=int, default=500000, help='catalog records')
    ap.add_argument('--keywords-per-class', type=int, default=50)
    ap.add_argument('--filler', type=int, default=20000)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    nkw = len(CLASSES) * a.keywords_per_class
    per = a.records // nkw
    catalog = {c: {} for c in CLASSES}
    runs = [('aaa_filler', a.filler // 2), ('zzz_filler', a.filler - a.filler // 2)]
    for ci, c in enumerate(CLASSES):
        for k in range(a.keywords_per_class):
            kw = f'{c}_kw{k:03d}'
            catalog[c][kw] = per - k  # unequal counts, so quotas are not all equal
            runs.append((kw, per))
    runs.sort()
    rng = np.random.default_rng(7)
    with open(os.path.join(a.out, 'tiny_metadata.bin'), 'wb') as meta, \
            open(os.path.join(a.out, 'tiny_images.bin'), 'wb') as img:
        for kw, n in runs:
            meta.write(b''.join(meta_record(kw, i) for i in range(n)))
            for first in range(0, n, 4096):
                m = min(4096, n - first)
                img.write(rng.integers(0, 256, size=m * 3072, dtype=np.uint8).tobytes())
    with open(os.path.join(a.out, 'keyword_counts.json'), 'w') as f:
        json.dump(catalog, f, indent=1)
    total = sum(n for _, n in runs)
    print(f'{a.out}: {total} records ({per * nkw} in {nkw} catalog keywords, {a.filler} filler)')


if __name__ == '__main__':
    main()
