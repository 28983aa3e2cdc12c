#!/usr/bin/env python3
"""A model folder as an install makes it, from the plugin's shipped graphs and a checkpoint (standard library only).

  python3 models/export/assemble_bundle.py --size tiny --checkpoint OUT/model.safetensors --out OUT/bundle

writes OUT/bundle/sam2.1-hiera-SIZE/: the size's graphs from models/ (its own and the shared ones, with their
input-N folders) and a copy of the checkpoint. An install checks the file against the catalog's pinned SHA-256,
which only Meta's own file has; benchmarks and proofs with random weights use this instead.
"""

import argparse
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "models")
SHARED = "sam2.1-shared"


def assemble(size, checkpoint, out):
    """Writes the folder and returns its path."""
    name = f"sam2.1-hiera-{size}"
    own = os.path.join(MODELS, name)
    if not os.path.isdir(own):
        raise SystemExit(f"assemble_bundle: no graphs for {name} in {MODELS}")
    folder = os.path.join(out, name)
    shutil.rmtree(folder, ignore_errors=True)
    subfolders = [""] + sorted(f for f in os.listdir(own) if f.startswith("input-"))
    for sub in subfolders:
        into = os.path.join(folder, sub)
        os.makedirs(into, exist_ok=True)
        for source in (os.path.join(own, sub), os.path.join(MODELS, SHARED, sub)):
            for f in os.listdir(source):
                if os.path.isfile(os.path.join(source, f)):
                    shutil.copy(os.path.join(source, f), os.path.join(into, f))
    shutil.copy(checkpoint, os.path.join(folder, "model.safetensors"))
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", required=True, choices=["tiny", "small", "base-plus", "large"])
    parser.add_argument("--checkpoint", required=True, help="a model.safetensors of the architecture")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    print(assemble(args.size, args.checkpoint, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
