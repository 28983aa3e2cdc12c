#!/usr/bin/env python3
"""A full-size model in the official checkpoint format, and the reference's runs of it, to prove the plugin's
install path end to end (too slow for CI; the fixture does the same at a tiny configuration there).

  refenv run python3 models/export/make_checkpoint_proof.py --size tiny --out /project/.cache/proof-tiny

writes
  OUT/model.safetensors   seeded random weights of the architecture, as transformers saves them (the format
                          of facebook/sam2.1-hiera-*'s model.safetensors)
  OUT/reference/NAME/     transformers' own runs of the test scenarios with that model (test-data's layout)
  OUT/bundle/sam2.1-hiera-SIZE/
                          the plugin's shipped graphs of that size (models/, with their input-N folders) and
                          that model.safetensors: the folder an install makes, without the catalog's pinned
                          checksum (which only the official file has)

Then, with nothing but Java:

  mvn test -Dtest=ReferenceEquivalenceTest -Dsam2tracker.reference.bundle=OUT/bundle/sam2.1-hiera-tiny \\
      -Dsam2tracker.reference.runs=OUT/reference

With --input-size 512 the runs are those at 512 pixels (OUT/reference-input-512), for the bundle's 512-pixel
graphs: add -Dsam2tracker.reference.input_size=512 and point the runs there.
"""

import argparse
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from assemble_bundle import assemble  # noqa: E402
from sam2_export import fixtures, reference  # noqa: E402
from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.models import OBJECTS_PRESENT, check_versions, random_model  # noqa: E402
from sam2_export.weightless import save_checkpoint  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny", choices=list(HUB_IDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--scenarios", nargs="*", default=None, help="names or prefixes (default: all)")
    # random_model's knobs: by default those that make objects present with masks of moderate size.
    for knob, value in OBJECTS_PRESENT.items():
        parser.add_argument("--" + knob.replace("_", "-"), type=float, default=value)
    parser.add_argument("--input-size", type=int, default=1024,
                        help="the input size of the reference's runs (the checkpoint is the same at every size)")
    parser.add_argument("--check", action="store_true",
                        help="only run each scenario's prompt steps and print scores and mask coverage")
    parser.add_argument("--shared", default="/shared" if os.path.isdir("/shared") else os.path.join(REPO, "..",
                                                                                                     "shared"))
    args = parser.parse_args(argv)
    check_versions()
    model = random_model(args.size, args.seed, score_gain=args.score_gain, score_bias=args.score_bias,
                         mask_bias=args.mask_bias, memory_gain=args.memory_gain, image_size=args.input_size)
    if args.check:
        return check(model, args)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as saved:
        path = save_checkpoint(model, saved)
        shutil.move(path, os.path.join(args.out, "model.safetensors"))
    print(f"wrote {os.path.join(args.out, 'model.safetensors')}")
    print(f"wrote {assemble(args.size, os.path.join(args.out, 'model.safetensors'),
                            os.path.join(args.out, 'bundle'))}")
    for s, frames in selected_scenarios(args):
        results = reference.run_scenario(model, frames, s.steps, s.masks)
        runs = "reference" if args.input_size == 1024 else f"reference-input-{args.input_size}"
        fixtures.write_reference_run(os.path.join(args.out, runs, s.name), s, results,
                                     {"model": f"random {args.size}, seed {args.seed}, {args.input_size} pixels"})
        print(f"wrote reference run {s.name}: {coverage(results)}")
    return 0


def selected_scenarios(args):
    """The test scenarios named by --scenarios (all without it), each with its clip's frames."""
    with tempfile.TemporaryDirectory() as clips_dir:
        clips, scenario_list = fixtures.load_clips(clips_dir, args.shared)
    return [(s, clips[s.clip]) for s in scenario_list
            if not args.scenarios or any(s.name.startswith(p) for p in args.scenarios)]


def coverage(results):
    """Object scores and the share of each mask's pixels set, over a run: what the proof exercises."""
    scores = [float(x) for step in results for fo in step for x in fo.scores]
    shares = [float(m.mean()) for step in results for fo in step for m in fo.masks]
    if not scores:
        return "no outputs"
    present = sum(1 for x in scores if x > 0)
    return (f"{present} of {len(scores)} object outputs present, scores {min(scores):.2f} to {max(scores):.2f}, "
            f"mask cover {min(shares):.3f} to {max(shares):.3f}")


def check(model, args):
    from sam2_export import scenarios

    for s, frames in selected_scenarios(args):
        results = reference.run_scenario(model, frames, scenarios.prompt_steps(s), s.masks)
        print(f"{s.name}: {coverage(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
