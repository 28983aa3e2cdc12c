#!/usr/bin/env python3
"""The weightless graphs that ship with the plugin, and the checkpoint fixture of the tests.

  refenv run python3 models/export/make_model_graphs.py                 # models/sam2.1-hiera-*/ (all sizes)
  refenv run python3 models/export/make_model_graphs.py --sizes tiny    # one size
  refenv run python3 models/export/make_model_graphs.py --fixture       # test-data/bundles/sam2.1-fixture-checkpoint
  refenv run python3 models/export/make_model_graphs.py --input-size 512   # models/*/input-512/ (all sizes)
  refenv run python3 models/export/make_model_graphs.py --precision int8   # int8 image encoders (sam2_export/quantize.py)

A size's graphs do not depend on its weights: they are exported from the architecture with seeded random
weights, checked against torch, stripped of every checkpoint tensor, and checked again with the weights read
back from a model.safetensors that transformers wrote (identical outputs). The plugin then loads the official
model.safetensors of facebook/sam2.1-hiera-* into them.

--input-size makes the same graphs for another input size (SAM 2.1 was trained at 1024; smaller sizes trade
accuracy for speed). They go to an input-N folder inside each model's folder and the shared folder, and read
the same checkpoint: no weight's shape depends on the input size.

--fixture writes the test fixture: the reference bundle's model (test-data/bundles/sam2.1-fixture) as
weightless graphs plus its model.safetensors, so that the Java tests run the checkpoint path on the recorded
reference scenarios.
"""

import argparse
import filecmp
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sam2_export import fixtures  # noqa: E402
from sam2_export.configs import HUB_IDS  # noqa: E402
from sam2_export.export import ExportError, write_bundle  # noqa: E402
from sam2_export.models import check_versions, random_model  # noqa: E402
from sam2_export.quantize import add_int8  # noqa: E402
from sam2_export.weightless import save_checkpoint  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
CHECKPOINT_FIXTURE = "sam2.1-fixture-checkpoint"
# Graphs that are the same for every size (only the image encoder differs) are kept once, in this folder; a
# model folder holds only the files of its own. The plugin's installer looks in the model's folder first.
SHARED = "sam2.1-shared"
DEFAULT_INPUT = 1024


def input_folder(folder, input_size):
    """Where a model folder keeps its graphs for an input size: itself at 1024, input-N inside it otherwise."""
    return folder if input_size == DEFAULT_INPUT else os.path.join(folder, f"input-{input_size}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", default=None, choices=list(HUB_IDS))
    parser.add_argument("--fixture", action="store_true", help="write the checkpoint fixture of the tests")
    parser.add_argument("--out", default=os.path.join(REPO, "models"))
    parser.add_argument("--input-size", type=int, default=DEFAULT_INPUT,
                        help="the model's input size in pixels (default %(default)s, a multiple of 64)")
    parser.add_argument("--precision", choices=["int8"],
                        help="add the int8 image encoder to the graphs made before (of --sizes, --input-size, or "
                             "--fixture) instead of exporting")
    parser.add_argument("--sizes-only", action="store_true",
                        help="only record each size's checkpoint size in catalog.json (approx_bytes)")
    args = parser.parse_args(argv)
    sizes = args.sizes if args.sizes is not None else ([] if args.fixture else list(HUB_IDS))
    try:
        check_versions()
        for size in sizes:
            name = f"sam2.1-hiera-{size}"
            print(f"== {name}")
            model = random_model(size, 0, image_size=args.input_size)
            if args.input_size == DEFAULT_INPUT:
                record_size(args.out, name, model)
            if args.sizes_only:
                continue
            folder = input_folder(os.path.join(args.out, name), args.input_size)
            if args.precision:
                add_int8(folder, model)
                continue
            manifest = write_bundle(model, folder, name, HUB_IDS[size], overwrite=True, weightless=True)
            report(folder, manifest)
            share_identical(folder, input_folder(os.path.join(args.out, SHARED), args.input_size), name, manifest)
        if args.fixture:
            with open(os.path.join(HERE, "fixture_parameters.json")) as f:
                params = json.load(f)
            folder = os.path.join(REPO, "test-data", "bundles", CHECKPOINT_FIXTURE)
            print(f"== {CHECKPOINT_FIXTURE}")
            if args.precision:
                add_int8(input_folder(folder, args.input_size), fixtures.fixture_model(
                    params["seed"], params["score_bias"], image_size=None if args.input_size == DEFAULT_INPUT
                    else args.input_size))
            elif args.input_size == DEFAULT_INPUT:
                manifest = write_bundle(fixtures.fixture_model(params["seed"], params["score_bias"]), folder,
                                        CHECKPOINT_FIXTURE, "the model of sam2.1-fixture, weights in model.safetensors",
                                        overwrite=True, weightless=True, include_weights=True)
                report(folder, manifest)
            else:
                fixture_input_size(folder, params, args.input_size)
    except ExportError as e:
        print(f"make_model_graphs: {e}", file=sys.stderr)
        return 2
    return 0


def fixture_input_size(folder, params, input_size):
    """The checkpoint fixture's graphs for another input size, and transformers' runs of the test scenarios with
    that model at that size (test-data/reference-input-N), for the engine's equivalence at other sizes."""
    import torch
    from safetensors.torch import load_file

    from sam2_export import reference

    model = fixtures.fixture_model(params["seed"], params["score_bias"], image_size=input_size)
    # The same weights as the fixture's own size: the runs below are those of the checkpoint the graphs read.
    saved = load_file(os.path.join(folder, "model.safetensors"))
    mine = model.state_dict()
    differ = [k for k, v in saved.items() if k not in mine or not torch.equal(mine[k], v)]
    if differ:
        raise ExportError(f"the fixture at {input_size} pixels has other weights than model.safetensors: {differ[:3]}")
    sized = input_folder(folder, input_size)
    manifest = write_bundle(model, sized, CHECKPOINT_FIXTURE, f"the model of sam2.1-fixture at {input_size} pixels",
                            overwrite=True, weightless=True)
    report(sized, manifest)
    runs = os.path.join(REPO, "test-data", f"reference-input-{input_size}")
    shutil.rmtree(runs, ignore_errors=True)
    with tempfile.TemporaryDirectory() as clips_dir:
        clips, scenario_list = fixtures.load_clips(clips_dir, "/shared" if os.path.isdir("/shared") else
                                                   os.path.join(REPO, "..", "shared"))
    for s in scenario_list:
        results = reference.run_scenario(model, clips[s.clip], s.steps, s.masks)
        fixtures.write_reference_run(os.path.join(runs, s.name), s, results,
                                     {"model": f"the checkpoint fixture at {input_size} pixels"})
        print(f"  reference run {s.name} at {input_size} pixels")


def record_size(out, name, model):
    """The size of this architecture's checkpoint as transformers writes it, as the catalog's estimate of the
    official file's (for the free-space check and the dialogs; the exact size is checked when known)."""
    with tempfile.TemporaryDirectory() as folder:
        size = os.path.getsize(save_checkpoint(model, folder))
    path = os.path.join(out, "catalog.json")
    with open(path) as f:
        catalog = json.load(f)
    for entry in catalog["models"]:
        if entry["name"] == name:
            entry["weights"]["approx_bytes"] = size
    with open(path, "w") as f:
        json.dump(catalog, f, indent=1)
        f.write("\n")
    print(f"  checkpoint of the architecture: {size / 1e6:.1f} MB")


def share_identical(own, shared, name, manifest):
    """Moves the graphs that every size has alike into the shared folder, or drops them where it has them."""
    os.makedirs(shared, exist_ok=True)
    for graph, spec in manifest["graphs"].items():
        if graph == "image_encoder":
            continue
        mine = os.path.join(own, spec["file"])
        theirs = os.path.join(shared, spec["file"])
        if not os.path.exists(theirs):
            shutil.move(mine, theirs)
        elif filecmp.cmp(mine, theirs, shallow=False):
            os.remove(mine)
        else:
            print(f"  {spec['file']} differs from {SHARED}'s: kept in {name}")


def report(folder, manifest):
    total = 0
    for graph in manifest["graphs"].values():
        total += graph["bytes"]
        print(f"  {graph['file']:24s} {graph['bytes'] / 1e6:9.3f} MB")
    print(f"  {'graphs':24s} {total / 1e6:9.3f} MB in {folder}")
    weights = manifest.get("weights") or {}
    if weights.get("bytes"):
        print(f"  {weights['file']:24s} {weights['bytes'] / 1e6:9.3f} MB")


if __name__ == "__main__":
    sys.exit(main())
