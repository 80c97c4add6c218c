#!/usr/bin/python3
"""Contact sheet of the pairs the transform shortlist missed (bench_dedup --transform-missed DIR).

    /usr/bin/python3 bench/recall_sheet.py DIR [OUT.png]

One row per missed pair: candidate | reference | reference aligned by the pair's best transform
(PairTransform: mirrored first, then moved dx right and dy down; uncovered pixels black), each
magnified 4x, with the scores written beside it.
"""
import csv
import sys

import numpy as np
from PIL import Image, ImageDraw


def aligned(ref, code):
    mirrored, dx, dy = False, 0, 0
    for part in code.split(','):
        if part == 'mirror':
            mirrored = True
        elif part.startswith('dx='):
            dx = int(part[3:])
        elif part.startswith('dy='):
            dy = int(part[3:])
    src = ref[:, ::-1] if mirrored else ref
    out = np.zeros_like(ref)
    for y in range(32):
        for x in range(32):
            sy, sx = y - dy, x - dx
            if 0 <= sy < 32 and 0 <= sx < 32:
                out[y, x] = src[sy, sx]
    return out


def main():
    folder = sys.argv[1]
    out_path = sys.argv[2] if len(sys.argv) > 2 else folder + '/missed.png'
    with open(folder + '/missed.csv', newline='') as f:
        rows = list(csv.DictReader(f))
    pixels = np.fromfile(folder + '/missed_pixels.u8', dtype=np.uint8).reshape(-1, 2, 32, 32, 3)
    assert len(rows) == len(pixels), 'missed.csv and missed_pixels.u8 disagree'
    scale, text_w = 4, 520
    cell = 32 * scale + 8
    sheet = Image.new('RGB', (3 * cell + text_w, max(1, len(rows)) * cell), 'white')
    draw = ImageDraw.Draw(sheet)
    for i, row in enumerate(rows):
        cand, ref = pixels[i, 0], pixels[i, 1]
        for j, img in enumerate((cand, ref, aligned(ref, row['transform']))):
            tile = Image.fromarray(img).resize((32 * scale, 32 * scale), Image.NEAREST)
            sheet.paste(tile, (j * cell, i * cell))
        planted = 'ordinary' if row['planted_from'] == '-1' else \
            'copy of %s (%s)' % (row['planted_from'], row['planted_transform'])
        lines = ['cand %s (%s) / ref %s' % (row['candidate'], planted, row['reference']),
                 'SSIM %.3f  L2 %.0f  at %s' % (float(row['ssim']), float(row['l2']), row['transform']),
                 'descriptor rank %s, mirrored %s' % (row['rank'], row['rank_mirrored']),
                 'std %s / %s%s' % (row['candidate_std'], row['reference_std'],
                                     '' if row['candidate_flagged'] == '1' else '  CANDIDATE MISSED')]
        for l, text in enumerate(lines):
            draw.text((3 * cell + 4, i * cell + 8 + 16 * l), text, fill='black')
    sheet.save(out_path)
    print(out_path)


if __name__ == '__main__':
    main()
