#!/usr/bin/env python3
"""Times SAM 2.1's image encoder and memory attention in torch, alone, as a user tuning torch would run them.

  refenv run python3 models/export/benchmark_peer_modules.py --size tiny [--threads 2] [--input-size 1024] \\
      [--memory-frames 7] [--pointers 16] [--runs 3] [--json OUT.json]

The modules are transformers' (random_model(size, --weights-seed), the weights bench/side-by-side.sh gives both
sides), with attention through scaled_dot_product_attention, on inputs of steady state: one frame's pixels, and
for memory attention one object's image tokens against --memory-frames frames of memory and --pointers object
pointers. Each runs in three ways: float32; under torch's bfloat16 autocast; with the module itself cast to
bfloat16. Prints, per module and way, the minimum milliseconds of --runs calls after one warm-up call and the
relative RMS error of the output against float32. It measures what this machine's torch build gives in bfloat16
(oneDNN and the CPU's matrix units where it has them), the peer of the engine's fast modes in the benchmark.
"""

import argparse
import copy
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from sam2_export.models import random_model  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="tiny", choices=["tiny", "small", "base-plus", "large"])
    parser.add_argument("--weights-seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--input-size", type=int, default=1024)
    parser.add_argument("--memory-frames", type=int, default=7)
    parser.add_argument("--pointers", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)

    model = random_model(args.size, args.weights_seed, image_size=args.input_size).eval()
    model.config._attn_implementation = "sdpa"
    c = model.config
    side = args.input_size // 16
    tokens = side * side
    hidden = c.memory_attention_hidden_size
    memory_dim = c.memory_encoder_output_channels
    pointer_tokens = args.pointers * (hidden // memory_dim)
    memory_tokens = args.memory_frames * tokens + pointer_tokens
    pixels = torch.randn(1, 3, args.input_size, args.input_size)
    memory_inputs = (torch.randn(tokens, 1, hidden), torch.randn(memory_tokens, 1, memory_dim),
                     torch.randn(tokens, 1, hidden), torch.randn(memory_tokens, 1, memory_dim))

    def encoder(module, dtype):
        return module.vision_encoder(pixels.to(dtype)).last_hidden_state

    def attention(module, dtype):
        return module.memory_attention(*(t.to(dtype) for t in memory_inputs), pointer_tokens)

    records = []
    cast = copy.deepcopy(model).to(torch.bfloat16)
    with torch.inference_mode():
        for name, call in (("image_encoder", encoder), ("memory_attention", attention)):
            exact = call(model, torch.float32).float()
            for way, module, dtype, autocast in (("float32", model, torch.float32, False),
                                                 ("bfloat16 autocast", model, torch.float32, True),
                                                 ("bfloat16 weights", cast, torch.bfloat16, False)):
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
                    out = call(module, dtype).float()  # warm-up, and the output compared
                    times = []
                    for _ in range(args.runs):
                        start = time.perf_counter()
                        call(module, dtype)
                        times.append(time.perf_counter() - start)
                error = float(((out - exact).pow(2).mean() / exact.pow(2).mean()).sqrt())
                record = {"module": name, "way": way, "ms": 1000 * min(times), "relative_rms_error": error}
                records.append(record)
                print(f"{name:17s} {way:18s} {record['ms']:9.0f} ms   relative RMS error {error:.2e}", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"model": f"sam2.1-hiera-{args.size}", "input_size": args.input_size,
                       "memory_tokens": memory_tokens, "threads": torch.get_num_threads(),
                       "torch": torch.__version__, "records": records}, f, indent=2)


if __name__ == "__main__":
    main()
