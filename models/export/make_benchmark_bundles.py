#!/usr/bin/env python3
"""Random-weight bundles of the real SAM 2.1 architectures, for benchmarks (never committed).

  refenv run python3 models/export/make_benchmark_bundles.py --out /project/.cache/bundles [--sizes tiny small]

Each bundle has the full-size graphs of its architecture with seeded random weights, so that speed and memory
are those of the real model. Prints each bundle's files and sizes.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.export import ExportError, write_bundle  # noqa: E402
from sam2_export.models import check_versions, random_model  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="cache folder; one bundle folder per size inside")
    parser.add_argument("--sizes", nargs="+", default=list(HUB_IDS), choices=list(HUB_IDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--overwrite", action="store_true")
    args = parser.parse_args(argv)
    try:
        check_versions()
        for size in args.sizes:
            folder = os.path.join(args.out, f"sam2.1-{size}-random")
            if os.path.exists(folder) and not args.overwrite:
                print(f"{folder} exists (--overwrite to rebuild)")
                continue
            print(f"== {size}")
            model = random_model(size, args.seed)
            manifest = write_bundle(model, folder, f"sam2.1-{size}-random",
                                    f"random weights, architecture {size}, seed {args.seed}", overwrite=True)
            total = 0
            for graph in manifest["graphs"].values():
                total += graph["bytes"]
                print(f"  {graph['file']:24s} {graph['bytes'] / 1e6:9.1f} MB")
            print(f"  {'total':24s} {total / 1e6:9.1f} MB")
    except ExportError as e:
        print(f"make_benchmark_bundles: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
