#!/usr/bin/env python3
"""Times transformers' own SAM 2.1 video tracking, the reference the engine is compared with.

  refenv run python3 models/export/benchmark_reference.py --size tiny --frames /shared/data/bedroom --count 3 --objects 10

The model is the architecture with the same seeded random weights as make_benchmark_bundles.py; objects are
single positive clicks on the same grid as the Java EngineBenchmark; propagation runs forward from frame 0, and
the figures leave out frame 0 as the Java benchmark does. Prints milliseconds per frame for 1 and N objects.
"""

import argparse
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from sam2_export.models import random_model  # noqa: E402
from sam2_export.reference import make_processor  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny")
    parser.add_argument("--frames", required=True, help="folder of 00000.jpg, 00001.jpg, ...")
    parser.add_argument("--count", type=int, default=3, help="frames to time after frame 0")
    parser.add_argument("--objects", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    frames = [np.asarray(Image.open(os.path.join(args.frames, f"{i:05d}.jpg")).convert("RGB"))
              for i in range(args.count + 1)]
    height, width = frames[0].shape[:2]
    model = random_model(args.size, args.seed)
    model.config._attn_implementation = "sdpa"
    processor = make_processor(model.config.image_size)
    print(f"reference: transformers Sam2VideoModel, sam2.1-{args.size} random weights, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, {args.count} frames of {width} x {height}")
    for objects in (1, args.objects):
        session = processor.init_video_session(video=frames, inference_device="cpu")
        columns = math.ceil(math.sqrt(objects))
        with torch.inference_mode():
            for i in range(objects):
                x = width * (0.5 + i % columns) / columns
                y = height * (0.5 + i // columns) / columns
                processor.add_inputs_to_inference_session(session, frame_idx=0, obj_ids=i + 1,
                                                          input_points=[[[[x, y]]]], input_labels=[[[1]]])
                model(inference_session=session, frame_idx=0)
            iterator = model.propagate_in_video_iterator(session, start_frame_idx=0)
            next(iterator)  # frame 0: cached outputs
            start = time.perf_counter()
            for _ in iterator:
                pass
            elapsed = time.perf_counter() - start
        print(f"{objects:2d} object(s): total {1000 * elapsed / args.count:.0f} ms/frame "
              f"({args.count / elapsed:.2f} frames/s)")


if __name__ == "__main__":
    main()
