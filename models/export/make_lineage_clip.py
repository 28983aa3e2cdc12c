#!/usr/bin/env python3
"""The lineage test clip: test-data/clips/lineage/ with lineage-16bit.tif (noisy 16-bit fluorescence, 20 cells on
a field, 12 of them dividing), its ground truth in the Cell Tracking Challenge's layout (truth/TRA/man_track###.tif
and man_track.txt: L B E P, daughters with their mother as parent; truth/SEG/man_seg###.tif of every fourth frame)
and lineage.json.

  refenv run python3 models/export/make_lineage_clip.py
"""

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sam2_export.synthetic import make_lineage_clip  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
SEED, FRAMES, SIZE = 23, 36, (256, 256)


def main():
    import tifffile

    clip = make_lineage_clip(SEED, frames=FRAMES, size=SIZE)
    folder = os.path.join(REPO, "test-data", "clips", "lineage")
    tra = os.path.join(folder, "truth", "TRA")
    os.makedirs(tra, exist_ok=True)
    meta = {"unit": "micron", "spacing": 1.0, "finterval": 5.0, "axes": "TYX"}
    tifffile.imwrite(os.path.join(folder, "lineage-16bit.tif"), clip.frames16, imagej=True,
                     resolution=(1 / 0.65, 1 / 0.65), metadata=meta)
    lines = []
    for c in clip.cells:
        present = [t for t in range(FRAMES) if (clip.labels[t] == c.cell_id).any()]
        if present != list(range(present[0], present[-1] + 1)):
            raise SystemExit(f"cell {c.cell_id} is not on every frame of its track")
        lines.append(f"{c.cell_id} {present[0]} {present[-1]} {c.parent}")
    seg = os.path.join(folder, "truth", "SEG")
    os.makedirs(seg, exist_ok=True)
    for t in range(FRAMES):
        tifffile.imwrite(os.path.join(tra, f"man_track{t:03d}.tif"), clip.labels[t], compression="zlib")
        if t % 4 == 0:  # the segmentation truth of every fourth frame, as the challenge gives some frames
            tifffile.imwrite(os.path.join(seg, f"man_seg{t:03d}.tif"), clip.labels[t], compression="zlib")
    with open(os.path.join(tra, "man_track.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    divisions = [c for c in clip.cells if c.parent]
    with open(os.path.join(folder, "lineage.json"), "w") as f:
        json.dump({"generator": "models/export/sam2_export/synthetic.py make_lineage_clip", "seed": SEED,
                   "frames": FRAMES, "size": list(SIZE), "pixel_size_micron": 0.65, "frame_interval_s": 5.0,
                   "cells": len(clip.cells), "divisions": len(divisions) // 2,
                   "lineage": [{"id": c.cell_id, "parent": c.parent, "first_frame": c.start,
                                "last_frame": c.end if c.end >= 0 else FRAMES - 1} for c in clip.cells]}, f, indent=1)
        f.write("\n")
    print(f"{len(clip.cells)} cells, {len(divisions) // 2} divisions, {FRAMES} frames -> {folder}")


if __name__ == "__main__":
    main()
