#!/usr/bin/env python3
"""A long synthetic fluorescence time-lapse for benchmarks, as a folder of 8-bit PNG frames (00000.png, ...).

  refenv run python3 models/export/make_benchmark_clip.py --out /project/.cache/bench/clips/synthetic-1000 \\
      --frames 1000 --size 512 --cells 20

The clip is synthetic.make_clip's (cells drifting, touching, one dividing, one leaving and coming back), the same
for the same arguments, stretched to 8 bits (frames8). Frames are greyscale PNGs; the engine's TestClips and the
reference benchmark both read them as grey RGB. A folder only ever appears complete: the frames are written to a
sibling folder first and renamed. An existing folder is left as it is.
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from PIL import Image  # noqa: E402

from sam2_export.synthetic import make_clip  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="the folder to write (left alone when it exists)")
    parser.add_argument("--frames", type=int, default=1000)
    parser.add_argument("--size", type=int, default=512, help="width and height in pixels")
    parser.add_argument("--cells", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--divide-at", type=int, default=10, help="the frame where cell 1 divides")
    args = parser.parse_args(argv)
    if args.frames < 1 or args.size < 32 or args.cells < 1:
        parser.error("--frames must be at least 1, --size at least 32 and --cells at least 1")
    if os.path.isdir(args.out):
        print(f"{args.out} exists")
        return 0
    clip = make_clip(args.seed, frames=args.frames, size=(args.size, args.size), cells=args.cells,
                     divide_at=args.divide_at)
    write_frames(clip.frames8, args.out)
    print(f"wrote {args.frames} frames of {args.size} x {args.size}, {args.cells} cells, to {args.out}")
    return 0


def write_frames(frames8, out):
    """Frames [T, H, W] uint8 as 00000.png, ... in `out`, which appears only once every frame is written."""
    partial = out.rstrip("/") + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    for t, frame in enumerate(frames8):
        Image.fromarray(frame).save(os.path.join(partial, f"{t:05d}.png"))
    os.rename(partial, out)


if __name__ == "__main__":
    sys.exit(main())
