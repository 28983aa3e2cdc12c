"""Draws docs/images/lineage.png from a run on the lineage clip: a frame of the input, the same frame of the label
image, and the lineage the run found (one row per seeded cell, time to the right, a fork where it divides).

    java -jar SAM2_Tracker.jar track test-data/clips/lineage/lineage-16bit.tif \\
        -p test-data/clips/lineage/truth/TRA/man_track000.tif -m test-data/bundles/toy-blob-tracker -o target/lin-out --divisions
    ../shared/tools/refenv run python3 docs/make_lineage_picture.py target/lin-out
"""
import colorsys
import csv
import os
import sys

import numpy as np
import tifffile
from PIL import Image, ImageDraw

FRAME = 24
SCALE = 2


def colour(label):
    h = (label * 0.618033988749895) % 1.0
    r, g, b = colorsys.hsv_to_rgb(h, 0.75, 1.0)
    return int(r * 255), int(g * 255), int(b * 255)


def main(run):
    frames = tifffile.imread("test-data/clips/lineage/lineage-16bit.tif").astype(np.float64)
    labels = tifffile.imread(os.path.join(run, "lineage-16bit-labels.tif"))
    f = frames[FRAME]
    low, high = np.percentile(frames, [0.1, 99.9])
    grey = np.clip((f - low) / (high - low) * 255, 0, 255).astype(np.uint8)
    h, w = grey.shape
    left = Image.fromarray(grey).convert("RGB").resize((w * SCALE, h * SCALE), Image.NEAREST)
    lab = labels[FRAME]
    rgb = np.zeros((h, w, 3), np.uint8)
    for value in np.unique(lab):
        if value:
            rgb[lab == value] = colour(int(value))
    middle = Image.fromarray(rgb).resize((w * SCALE, h * SCALE), Image.NEAREST)
    tracks = {}
    with open(os.path.join(run, "lineage-16bit-tracks.csv")) as fh:
        for row in csv.DictReader(fh):
            tracks[int(row["Label"])] = (int(row["First_frame"]), int(row["Last_frame"]), int(row["Parent"]))
    children = {}
    for label, (_, _, parent) in tracks.items():
        children.setdefault(parent, []).append(label)
    frames_n = frames.shape[0]
    width, height = 520, h * SCALE
    right = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(right)
    x = lambda t: 40 + (t - 1) * (width - 60) / max(frames_n - 1, 1)
    roots = sorted(children.get(0, []))
    row = (height - 30) / max(len(roots), 1)

    def branch(label, y, spread):
        first, last, _ = tracks[label]
        draw.line([(x(first), y), (x(last), y)], fill=colour(label), width=3)
        kids = sorted(children.get(label, []))
        for i, kid in enumerate(kids):
            ky = y + (spread if i else -spread)
            draw.line([(x(last), y), (x(tracks[kid][0]), ky)], fill=(120, 120, 120), width=1)
            branch(kid, ky, spread / 2)

    for i, root in enumerate(roots):
        y = 20 + (i + 0.5) * row
        draw.text((4, y - 6), str(root), fill=(0, 0, 0))
        branch(root, y, row / 4)
    draw.line([(x(FRAME + 1), 10), (x(FRAME + 1), height - 10)], fill=(200, 200, 200), width=1)
    draw.text((x(1), height - 14), "frame 1", fill=(0, 0, 0))
    draw.text((x(frames_n) - 40, height - 14), f"frame {frames_n}", fill=(0, 0, 0))
    out = Image.new("RGB", (left.width + middle.width + width + 16, height), (255, 255, 255))
    out.paste(left, (0, 0))
    out.paste(middle, (left.width + 8, 0))
    out.paste(right, (left.width + middle.width + 16, 0))
    out.save("docs/images/lineage.png")


if __name__ == "__main__":
    main(sys.argv[1])
