#!/usr/bin/env python3
"""Export a SAM 2.1 video model to a model bundle folder.

  export_bundle.py --model tiny --out bundles/sam2.1-tiny            # real weights (needs internet once)
  export_bundle.py --model /path/to/sam2.1-hiera-tiny --out ...      # a downloaded folder
  export_bundle.py --random tiny --seed 0 --out ...                  # seeded random weights
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam2_export.configs import ARCHITECTURES  # noqa: E402
from sam2_export.export import ExportError, write_bundle  # noqa: E402
from sam2_export.models import check_versions, load_pretrained, random_model  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", help="tiny, small, base-plus, large, a hub id, or a folder with real weights")
    source.add_argument("--random", choices=sorted(ARCHITECTURES), help="an architecture with random weights")
    parser.add_argument("--seed", type=int, default=0, help="seed for --random (default 0)")
    parser.add_argument("--name", help="model name in the manifest")
    parser.add_argument("--out", required=True, help="bundle folder to write")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bundle folder")
    args = parser.parse_args(argv)
    try:
        check_versions()
        if args.model:
            model = load_pretrained(args.model)
            name = args.name or f"sam2.1-hiera-{args.model}" if "/" not in args.model else os.path.basename(
                args.model.rstrip("/"))
            source = args.model
        else:
            model = random_model(args.random, args.seed)
            name = args.name or f"sam2.1-{args.random}-random"
            source = f"random weights, architecture {args.random}, seed {args.seed}"
        write_bundle(model, args.out, name, source, overwrite=args.overwrite)
        print(f"wrote {args.out}")
    except ExportError as e:
        print(f"export_bundle: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
