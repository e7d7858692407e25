#!/usr/bin/python3
"""Expected outputs of OpenCV's cv2.resize, for can4000's resampler parity checks.

Usage:
  resize_parity.py fixtures OUTDIR SOURCE...   small committed test fixtures
  resize_parity.py corpus CORPUS OUTDIR [--per-image 2] [--size 224] [--seed 1]

fixtures: for each SOURCE image, a region of at most 160 x 120 pixels from its centre is
written as OUTDIR/<name>.png (RGB, and <name>_gray.png in grey), then that region resized with
INTER_AREA to sizes smaller than it, with INTER_LINEAR to sizes larger, and with INTER_AREA to
sizes larger one way and smaller the other, as OUTDIR/<name>[_gray]_<area|linear|mixed>_<W>x<H>.png. ResamplerParityTest (can4000-core) resizes
each source with can4000 and checks every value is within 1 grey level.

corpus: for every image of a bench corpus (make_corpus.py), PER_IMAGE crops with boxes drawn
as the bench manifest's (square plus a 10 % margin, clamped), written as
OUTDIR/<n>_crop.png, and the crop resized to SIZE x SIZE as reference_tensors.py does
(INTER_AREA if a side is larger than SIZE, else INTER_LINEAR) as OUTDIR/<n>_expect.png. The
bench program io.github.can4000.bench.ResizeParity compares can4000's resize with them.

Run with /usr/bin/python3 (Debian's python3-opencv, see ../shared/bench/setup.sh).
"""
import os
import random
import sys

import cv2
import numpy as np


def fixtures(out, sources):
    os.makedirs(out, exist_ok=True)
    for src in sources:
        name = os.path.splitext(os.path.basename(src))[0]
        img = cv2.imread(src, cv2.IMREAD_COLOR)
        h, w = img.shape[:2]
        cw, ch = min(160, w), min(120, h)
        x0, y0 = (w - cw) // 2, (h - ch) // 2
        region = np.ascontiguousarray(img[y0:y0 + ch, x0:x0 + cw])
        gray = cv2.cvtColor(region, cv2.COLOR_BGR2GRAY)
        for suffix, im in (("", region), ("_gray", gray)):
            base = name + suffix
            cv2.imwrite(os.path.join(out, base + ".png"), im)
            for (W, H) in ((80, 60), (53, 41), (64, 64), (17, 13), (159, 119), (40, 30)):
                r = cv2.resize(im, (W, H), interpolation=cv2.INTER_AREA)
                cv2.imwrite(os.path.join(out, f"{base}_area_{W}x{H}.png"), r)
            for (W, H) in ((224, 224), (161, 121), (170, 250)):
                r = cv2.resize(im, (W, H), interpolation=cv2.INTER_LINEAR)
                cv2.imwrite(os.path.join(out, f"{base}_linear_{W}x{H}.png"), r)
            # one side larger, one smaller: INTER_AREA, as reference_tensors.py calls it
            for (W, H) in ((224, 112), (140, 150)):
                r = cv2.resize(im, (W, H), interpolation=cv2.INTER_AREA)
                cv2.imwrite(os.path.join(out, f"{base}_mixed_{W}x{H}.png"), r)


def corpus(cdir, out, per_image=2, size=224, seed=1):
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(seed)
    n = 0
    for f in sorted(os.listdir(cdir)):
        if f.endswith(".tsv"):
            continue
        img = cv2.imread(os.path.join(cdir, f), cv2.IMREAD_COLOR)
        if img is None:
            continue
        H, W = img.shape[:2]
        for _ in range(per_image):
            bw, bh = rnd.uniform(0.05, 0.9), rnd.uniform(0.05, 0.9)
            x, y = rnd.uniform(bw / 2, 1 - bw / 2), rnd.uniform(bh / 2, 1 - bh / 2)
            x1, x2 = int((x - bw / 2) * W), int((x + bw / 2) * W)
            y1, y2 = int((y - bh / 2) * H), int((y + bh / 2) * H)
            w, h = x2 - x1, y2 - y1
            if w <= 0 or h <= 0:
                continue
            if w < h:
                x1 -= (h - w) // 2
                x2 = x1 + h
            elif h < w:
                y1 -= (w - h) // 2
                y2 = y1 + w
            dx, dy = round(0.1 * (x2 - x1)), round(0.1 * (y2 - y1))
            x1, y1, x2, y2 = max(0, x1 - dx), max(0, y1 - dy), min(W, x2 + dx), min(H, y2 + dy)
            crop = np.ascontiguousarray(img[y1:y2, x1:x2])
            shrink = crop.shape[0] > size or crop.shape[1] > size
            r = cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
            cv2.imwrite(os.path.join(out, f"{n:05d}_crop.png"), crop)
            cv2.imwrite(os.path.join(out, f"{n:05d}_expect.png"), r)
            n += 1
    print(f"crops={n}")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "fixtures":
        fixtures(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "corpus":
        opts = dict(zip(sys.argv[4::2], sys.argv[5::2]))
        corpus(sys.argv[2], sys.argv[3], int(opts.get("--per-image", 2)), int(opts.get("--size", 224)),
               int(opts.get("--seed", 1)))
    else:
        sys.exit(__doc__)
