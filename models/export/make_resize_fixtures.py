#!/usr/bin/env python3
"""Reference resizes of synthetic frames at large shrink ratios and odd sizes, for the Java resizer's test.

  refenv run python3 models/export/make_resize_fixtures.py

The reference's video processor picks the integer weight precision of its antialiased uint8 resize from the
largest weight, so shrinking by 2x or more uses more than 15 bits. Each case resizes a synthetic RGB frame that
the Java test makes again from the same formula (synthetic_frame below), so only the resized frames are stored:
test-data/reference/preprocessing/resize-WxH-to-S.npy.gz, uint8 [3, S, S].
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sam2_export import reference  # noqa: E402
from sam2_export.fixtures import save_npy  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "test-data", "reference", "preprocessing")
# (width, height, model input size): camera frames, an odd size, a video frame, and one at SAM 2.1's 1024.
CASES = [(2048, 2048, 256), (2560, 2160, 256), (1009, 1305, 256), (854, 480, 256), (2048, 2048, 1024),
         (300, 200, 256)]


def synthetic_frame(width: int, height: int) -> np.ndarray:
    """[H, W, 3] uint8: a hash of the position (fine detail, so every weight counts) mixed with a gradient."""
    y, x, c = np.meshgrid(np.arange(height, dtype=np.int64), np.arange(width, dtype=np.int64),
                          np.arange(3, dtype=np.int64), indexing="ij")
    return ((((x * 2654435761 + y * 320754057 + c * 97) >> 7) ^ (x + 2 * y)) & 255).astype(np.uint8)


def main():
    os.makedirs(OUT, exist_ok=True)
    mean = np.array([0.485, 0.456, 0.406], np.float32).reshape(3, 1, 1)
    std = np.array([0.229, 0.224, 0.225], np.float32).reshape(3, 1, 1)
    for width, height, size in CASES:
        processor = reference.make_processor(size)
        session = processor.init_video_session(video=[synthetic_frame(width, height)], inference_device="cpu")
        pixels = session.processed_frames[0].numpy()
        resized = np.round((pixels * std + mean) * 255.0)
        assert np.abs((pixels * std + mean) * 255.0 - resized).max() < 1e-3, "resized frame is not 8-bit"
        name = f"resize-{width}x{height}-to-{size}.npy"
        save_npy(os.path.join(OUT, name), resized.astype(np.uint8), compress=True)
        print(f"{name}.gz: {width} x {height} -> {size} x {size}")


if __name__ == "__main__":
    main()
