#!/usr/bin/env python3
"""Times transformers' own SAM 2.1 video tracking, the reference the engine is compared with.

  refenv run python3 models/export/benchmark_reference.py --size tiny --workload bedroom --count 3 --objects 10 \\
      [--frames-dir /shared/data/bedroom] [--device cpu|cuda] [--threads N] [--input-size 1024] [--settle 0] \\
      [--bf16] [--json OUT.json]

The model is the architecture with seeded random weights (random_model(size, --weights-seed)), the weights that
bench/side-by-side.sh saves as a checkpoint and installs for the engine. Objects are single positive clicks on a
grid over frame 0, the formula of the Java EngineBenchmark; propagation runs forward from frame 0, and the figures
leave out frame 0 as the Java benchmark does. One run, one object count: prints one line and, with --json, writes
one record (milliseconds per frame for each stage and in total, frames per second, peak resident memory).

--settle N tracks N frames before the timed ones (each object then holds its 7 memory frames: steady state);
--input-size sets the model's image_size (the weights are the same); --bf16 runs the model in bfloat16 (its
weights cast, the inference session in bfloat16: oneDNN's matrix units where torch's build and the CPU have
them), with attention through scaled_dot_product_attention as always here. torch's bfloat16 autocast was slower
still on the machines measured (see benchmark_peer_modules.py, which times the modules alone).

Stages are the forward calls of model.vision_encoder (image_encoder), model.memory_attention, model.mask_decoder
and model.memory_encoder, timed by wrappers. The processor resizes and normalises every frame before tracking
starts (init_video_session); that time, per frame, is 'preprocess' and is part of 'total', since the engine does
the same work inside its propagation.
"""

import argparse
import json
import math
import os
import platform
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.fixtures import fixture_model  # noqa: E402
from sam2_export.models import random_model  # noqa: E402
from sam2_export.reference import make_processor  # noqa: E402

WORKLOAD_FRAMES = {"bedroom": "/shared/data/bedroom"}
# The model's submodules timed, by the names the engine gives its graphs.
STAGES = {"image_encoder": "vision_encoder", "memory_attention": "memory_attention", "mask_decoder": "mask_decoder",
          "memory_encoder": "memory_encoder"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny", choices=list(HUB_IDS) + ["fixture"],
                        help="fixture: the small architecture and weights of test-data/bundles/sam2.1-fixture")
    parser.add_argument("--workload", default="bedroom", help="a name for the record; bedroom has default frames")
    parser.add_argument("--frames-dir", "--frames", dest="frames_dir",
                        help="folder of 00000.jpg (or .png), 00001.jpg, ...")
    parser.add_argument("--count", type=int, default=3, help="frames to time after frame 0")
    parser.add_argument("--objects", type=int, default=10)
    parser.add_argument("--weights-seed", "--seed", dest="weights_seed", type=int, default=0)
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--input-size", type=int, default=None, help="the model's input size (default its own)")
    parser.add_argument("--settle", type=int, default=0, help="frames tracked before the timed ones")
    parser.add_argument("--bf16", action="store_true", help="the model and its session in bfloat16")
    parser.add_argument("--json", help="write the run's record to this file")
    args = parser.parse_args(argv)
    frames_dir = args.frames_dir or WORKLOAD_FRAMES.get(args.workload)
    if frames_dir is None:
        parser.error(f"workload {args.workload} has no default frames: give --frames-dir")
    if args.device == "cuda" and not torch.cuda.is_available():
        print(f"benchmark_reference: CUDA was requested but torch {torch.__version__} cannot use it "
              f"(no CUDA build or no GPU); use --device cpu", file=sys.stderr)
        return 3
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    frames = read_frames(frames_dir, args.settle + args.count + 1)
    record = run(args, frames)
    record["frames_dir"] = frames_dir
    print(summary(record))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(record, f, indent=1)
            f.write("\n")
    return 0


def read_frames(folder, count):
    """The first frames of a folder as RGB arrays; 00000.jpg or 00000.png, as TestClips reads them."""
    frames = []
    for i in range(count):
        path = os.path.join(folder, f"{i:05d}.jpg")
        if not os.path.exists(path):
            path = os.path.join(folder, f"{i:05d}.png")
        frames.append(np.asarray(Image.open(path).convert("RGB")))
    return frames


def benchmark_model(size, seed, input_size=None):
    """The model, its name and a description of its weights. The fixture is the test bundle's architecture with
    its weights (fixture_parameters.json), small enough to track a thousand frames with many objects in minutes."""
    if size == "fixture":
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixture_parameters.json")) as f:
            parameters = json.load(f)
        return (fixture_model(parameters["seed"], parameters["score_bias"]), "sam2.1-fixture",
                f"random, the fixture's (seed {parameters['seed']})")
    return random_model(size, seed, image_size=input_size), f"sam2.1-hiera-{size}", f"random, seed {seed}"


def grid_clicks(width, height, objects):
    """One positive click per object on a grid over frame 0. Keep in sync with EngineBenchmark.gridClicks:
    both sides must prompt the same pixels."""
    columns = math.ceil(math.sqrt(objects))
    return [(width * (0.5 + i % columns) / columns, height * (0.5 + i // columns) / columns) for i in range(objects)]


class StageTimers:
    """Wraps the forward of the timed submodules with wall-clock timers (synchronised on CUDA)."""

    def __init__(self, model, device):
        self.cuda = device == "cuda"
        self.calls = {}
        self.seconds = {}
        for stage, attribute in STAGES.items():
            self._wrap(stage, getattr(model, attribute))

    def _wrap(self, stage, module):
        forward = module.forward

        def timed(*args, **kwargs):
            self._sync()
            start = time.perf_counter()
            try:
                return forward(*args, **kwargs)
            finally:
                self._sync()
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
                self.calls[stage] = self.calls.get(stage, 0) + 1

        module.forward = timed  # nn.Module.__call__ finds the instance attribute first

    def _sync(self):
        if self.cuda:
            torch.cuda.synchronize()

    def reset(self):
        self.calls.clear()
        self.seconds.clear()


def run(args, frames):
    """Prompts frame 0, propagates through the rest, and returns the record of the timed frames."""
    height, width = frames[0].shape[:2]
    model, model_name, weights = benchmark_model(args.size, args.weights_seed, args.input_size)
    dtype = torch.bfloat16 if args.bf16 else torch.float32
    model = model.to(args.device, dtype=dtype)
    model.config._attn_implementation = "sdpa"
    processor = make_processor(model.config.image_size)
    timers = StageTimers(model, args.device)
    start = time.perf_counter()
    session = processor.init_video_session(video=frames, inference_device=args.device, dtype=dtype)
    preprocess = (time.perf_counter() - start) / len(frames)
    with torch.inference_mode():
        for i, (x, y) in enumerate(grid_clicks(width, height, args.objects)):
            processor.add_inputs_to_inference_session(session, frame_idx=0, obj_ids=i + 1,
                                                      input_points=[[[[x, y]]]], input_labels=[[[1]]])
            model(inference_session=session, frame_idx=0)
        iterator = model.propagate_in_video_iterator(session, start_frame_idx=0)
        next(iterator)  # frame 0: cached outputs
        for _ in range(args.settle):
            next(iterator)
        timers.reset()
        timers._sync()
        peaks = {}
        count = len(frames) - 1 - args.settle
        start = time.perf_counter()
        for done, _ in enumerate(iterator, start=1):
            if done == count or (done >= 10 and is_power_of_ten(done)):
                peaks[str(done)] = peak_rss_mb()
        timers._sync()
        elapsed = time.perf_counter() - start
    stages = {stage: 1000 * timers.seconds.get(stage, 0.0) / count for stage in STAGES}
    total_ms = 1000 * elapsed / count + 1000 * preprocess
    record = {
        "side": "reference", "implementation": "transformers Sam2VideoModel", "model": model_name, "weights": weights,
        "workload": args.workload, "objects": args.objects, "input_size": model.config.image_size,
        "settle_frames": args.settle, "precision": "bfloat16" if args.bf16 else "float32",
        "frames": count, "width": width, "height": height, "device": args.device,
        "threads": torch.get_num_threads(), "stage_ms": stages,
        "stage_calls": {stage: timers.calls.get(stage, 0) for stage in STAGES},
        "preprocess_ms": 1000 * preprocess, "propagate_ms": 1000 * elapsed / count, "total_ms": total_ms,
        "frames_per_s": 1000 / total_ms, "peak_rss_mb": peak_rss_mb(), "peak_rss_mb_after_frames": peaks,
        "versions": versions(),
    }
    if args.device == "cuda":
        record["peak_gpu_mb"] = torch.cuda.max_memory_allocated() / 2 ** 20
    return record


def is_power_of_ten(n):
    while n % 10 == 0:
        n //= 10
    return n == 1


def peak_rss_mb():
    """The process's peak resident memory: ru_maxrss is in kilobytes on Linux."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def versions():
    import transformers

    return {"transformers": transformers.__version__, "torch": torch.__version__, "python": platform.python_version()}


def summary(record):
    stages = "  ".join(f"{stage} {ms:.0f} ms" for stage, ms in record["stage_ms"].items())
    return (f"reference: transformers Sam2VideoModel, {record['model']} at {record['input_size']} px "
            f"{record['precision']}, {record['weights']}, torch "
            f"{record['versions']['torch']}, {record['device']}, {record['threads']} threads, {record['workload']} "
            f"{record['frames']} frames of {record['width']} x {record['height']}\n"
            f"{record['objects']:2d} object(s):  {stages}  preprocess {record['preprocess_ms']:.0f} ms  "
            f"| total {record['total_ms']:.0f} ms/frame ({record['frames_per_s']:.2f} frames/s), "
            f"peak RSS {record['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
