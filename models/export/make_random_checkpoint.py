#!/usr/bin/env python3
"""A SAM 2.1 architecture with seeded random weights, saved as transformers saves the official checkpoints.

  refenv run python3 models/export/make_random_checkpoint.py --size tiny --seed 0 --out /project/.cache/bench/x

writes OUT/model.safetensors: random_model(size, seed), the weights benchmark_reference.py builds for itself, in
the format of facebook/sam2.1-hiera-*'s model.safetensors. The plugin installs the engine's model from it
(`models install SIZE --from OUT/model.safetensors`), so both sides of a benchmark run the same weights.
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.models import random_model  # noqa: E402
from sam2_export.weightless import WEIGHTS_FILE, save_checkpoint  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny", choices=list(HUB_IDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="folder for model.safetensors")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    target = os.path.join(args.out, WEIGHTS_FILE)
    # Saved beside the target and renamed: the file only ever appears complete.
    with tempfile.TemporaryDirectory(dir=args.out) as saved:
        shutil.move(save_checkpoint(random_model(args.size, args.seed), saved), target)
    os.chmod(target, 0o644)  # the temporary folder made it private
    print(f"wrote {target}: sam2.1-{args.size}, random weights, seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
