#!/usr/bin/python3
"""Makes the demo's reference set and the duplicates planted among its candidates (run once; the
output is committed under resources/, see resources/README.md).

    /usr/bin/python3 scripts/demo-duplicates.py ../shared/data/cifar10-jpg

- resources/demo_reference/<class>/<nnnn>.jpg: byte copies of CIFAR-10 test images
  (cifar10-jpg/test/<class>/<nnnn>.jpg), four per class;
- exact copies: byte copies of some of those files among the demo candidates (one of them under two
  keywords, so it is also an internal duplicate);
- near copies: a reference image shifted, cropped, re-lit or re-compressed a little and saved as
  JPEG, as a re-upload of the same photo would be.
Needs Debian's python3-pil and python3-numpy.
"""
import os
import shutil
import sys

import numpy as np
from PIL import Image, ImageEnhance

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources")
CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
REFERENCES = ["0000", "0001", "0002", "0003"]

# (class, reference file, candidate folder, candidate file)
EXACT = [
    ("airplane", "0000", "airplane/airbus", "airbus_12.jpg"),
    ("automobile", "0001", "automobile/coupe", "coupe_12.jpg"),
    ("cat", "0002", "cat/tabby", "tabby_12.jpg"),
    ("cat", "0002", "cat/tabby_cat", "tabby_cat_12.jpg"),
    ("ship", "0000", "ship/cargo_ship", "cargo_ship_12.jpg"),
]


def shift(image, dx, dy):
    a = np.asarray(image)
    a = np.roll(a, (dy, dx), axis=(0, 1))
    # Repeat the edge instead of wrapping around.
    if dx > 0:
        a[:, :dx] = a[:, dx:dx + 1]
    if dy > 0:
        a[:dy, :] = a[dy:dy + 1, :]
    return Image.fromarray(a)


def crop(image, border):
    w, h = image.size
    return image.crop((border, border, w - border, h - border)).resize((w, h), Image.BICUBIC)


# (class, reference file, candidate folder, candidate file, transform[, JPEG quality]); the frog's
# crop is meant to stay under the default thresholds (SSIM about 0.58), for the slider to find.
NEAR = [
    ("bird", "0001", "bird/wagtail", "wagtail_12.jpg", lambda im: shift(im, 0, 1)),
    ("dog", "0000", "dog/puppy", "puppy_12.jpg", lambda im: crop(im, 1)),
    ("horse", "0003", "horse/arabian", "arabian_12.jpg", lambda im: ImageEnhance.Brightness(im).enhance(1.08)),
    ("truck", "0002", "truck/dump_truck", "dump_truck_12.jpg", lambda im: im, 30),
    ("frog", "0001", "frog/leopard_frog", "leopard_frog_12.jpg", lambda im: crop(im, 2)),
    ("deer", "0000", "deer/elk", "elk_12.jpg", lambda im: ImageEnhance.Contrast(im).enhance(0.9)),
]


def main():
    source = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/cifar10-jpg", "test")
    for cls in CLASSES:
        os.makedirs(os.path.join(ROOT, "demo_reference", cls), exist_ok=True)
        for name in REFERENCES:
            shutil.copyfile(os.path.join(source, cls, name + ".jpg"),
                            os.path.join(ROOT, "demo_reference", cls, name + ".jpg"))
    for cls, ref, folder, name in EXACT:
        shutil.copyfile(os.path.join(source, cls, ref + ".jpg"), os.path.join(ROOT, "demo", folder, name))
    for cls, ref, folder, name, transform, *quality in NEAR:
        image = Image.open(os.path.join(source, cls, ref + ".jpg")).convert("RGB")
        transform(image).save(os.path.join(ROOT, "demo", folder, name), quality=(quality or [95])[0])


if __name__ == "__main__":
    main()
