#!/usr/bin/env python3
"""A SAM 2.1 architecture with seeded random weights, saved as transformers saves the official checkpoints.

  refenv run python3 models/export/make_random_checkpoint.py --size tiny --seed 0 --out /project/.cache/bench/x

writes OUT/model.safetensors: random_model(size, seed), the weights benchmark_reference.py builds for itself, in
the format of facebook/sam2.1-hiera-*'s model.safetensors. The plugin installs the engine's model from it
(`models install SIZE --from OUT/model.safetensors`), so both sides of a benchmark run the same weights.

Plain random weights leave every object absent (empty masks: the same work per frame, so speed is measured
fairly, but nothing to compare masks on). --objects-present sets random_model's knobs that make objects present
with masks of moderate size (OBJECTS_PRESENT; the weights the checkpoint proof uses), for agreement benchmarks
such as PrecisionAgreement.
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.models import OBJECTS_PRESENT, random_model  # noqa: E402
from sam2_export.weightless import WEIGHTS_FILE, save_checkpoint  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny", choices=list(HUB_IDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="folder for model.safetensors")
    parser.add_argument("--objects-present", action="store_true",
                        help="weights with which prompted objects are present and their masks neither empty nor full")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    target = os.path.join(args.out, WEIGHTS_FILE)
    # Saved beside the target and renamed: the file only ever appears complete.
    with tempfile.TemporaryDirectory(dir=args.out) as saved:
        knobs = OBJECTS_PRESENT if args.objects_present else {}
        shutil.move(save_checkpoint(random_model(args.size, args.seed, **knobs), saved), target)
    os.chmod(target, 0o644)  # the temporary folder made it private
    print(f"wrote {target}: sam2.1-{args.size}, random weights, seed {args.seed}"
          + (", objects present" if args.objects_present else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
