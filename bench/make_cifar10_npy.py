#!/usr/bin/python3
"""The 60,000 real CIFAR-10 images of ../shared/data/cifar10-jpg as one .npy (N, 32, 32, 3) uint8: the
references of the `locate` benchmark (docs/BENCHMARKS.md). Never commit the output.

    /usr/bin/python3 bench/make_cifar10_npy.py --out /tmp/tc-locate/cifar10_all_data.npy
"""
import argparse
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--jpg', default=os.path.join(HERE, '..', '..', 'shared', 'data', 'cifar10-jpg'))
    a = ap.parse_args()
    imgs = []
    for split in ('train', 'test'):
        for cls in sorted(os.listdir(os.path.join(a.jpg, split))):
            folder = os.path.join(a.jpg, split, cls)
            for name in sorted(os.listdir(folder)):
                imgs.append(np.asarray(Image.open(os.path.join(folder, name)).convert('RGB'), dtype=np.uint8))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    np.save(a.out, np.stack(imgs))
    print(f'{a.out}: {len(imgs)} images')


if __name__ == '__main__':
    main()
