#!/usr/bin/env python3
"""A full-size model in the official checkpoint format, and the reference's runs of it, to prove the plugin's
install path end to end (too slow for CI; the fixture does the same at a tiny configuration there).

  refenv run python3 models/export/make_checkpoint_proof.py --size tiny --out /project/.cache/proof-tiny

writes
  OUT/model.safetensors   seeded random weights of the architecture, as transformers saves them (the format
                          of facebook/sam2.1-hiera-*'s model.safetensors)
  OUT/reference/NAME/     transformers' own runs of the test scenarios with that model (test-data's layout)

Then, with nothing but the jar and Java:

  java -jar target/SAM2_Tracker-*.jar models install tiny --from OUT/model.safetensors --to OUT/models
  mvn test -Dtest=ReferenceEquivalenceTest -Dsam2tracker.reference.bundle=OUT/models/sam2.1-hiera-tiny \\
      -Dsam2tracker.reference.runs=OUT/reference
"""

import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sam2_export import fixtures, reference  # noqa: E402
from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.models import check_versions, random_model  # noqa: E402
from sam2_export.weightless import save_checkpoint  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny", choices=list(HUB_IDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--scenarios", nargs="*", default=None, help="names or prefixes (default: all)")
    parser.add_argument("--shared", default="/shared" if os.path.isdir("/shared") else os.path.join(REPO, "..",
                                                                                                     "shared"))
    args = parser.parse_args(argv)
    check_versions()
    model = random_model(args.size, args.seed)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as saved:
        path = save_checkpoint(model, saved)
        os.replace(path, os.path.join(args.out, "model.safetensors"))
    print(f"wrote {os.path.join(args.out, 'model.safetensors')}")
    with tempfile.TemporaryDirectory() as clips_dir:
        clips, scenario_list = fixtures.load_clips(clips_dir, args.shared)
    for s in scenario_list:
        if args.scenarios and not any(s.name.startswith(p) for p in args.scenarios):
            continue
        results = reference.run_scenario(model, clips[s.clip], s.steps, s.masks)
        fixtures.write_reference_run(os.path.join(args.out, "reference", s.name), s, results,
                                     {"model": f"random {args.size}, seed {args.seed}"})
        print(f"wrote reference run {s.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
