#!/usr/bin/env python3
"""Fuses the attentions of exported graphs into ONNX Runtime's MultiHeadAttention (see sam2_export/fusion.py; the
exporter does it to every memory-attention and image-encoder graph it writes). For graphs exported before that:

  refenv run python3 models/export/fuse_attention.py IN.onnx OUT.onnx      # a memory-attention graph
  refenv run python3 models/export/fuse_attention.py --encoders FOLDER...  # the image encoders of bundle folders

--encoders rewrites each folder's image_encoder.onnx and its int8 variant in place, the heads of each block taken
from its manifest and checkpoint map, checks each against the unfused graph on random weights and pixels (both
read the same placeholders, or hold the same weights), and records the new files in the manifest. A folder whose
encoder is fused already is left as it is; nothing of a folder is written unless all its checks pass.
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam2_export.export import sha256  # noqa: E402
from sam2_export.fusion import fuse, fuse_encoder, hiera_heads  # noqa: E402
from sam2_export.weightless import weightless_session  # noqa: E402

# Largest difference allowed between the fused and the unfused float32 encoder, relative to the output's largest
# value (measured: about 5e-7; float32 sums in another order). The int8 encoder quantizes each product's input per
# call, so that the last bits of an attention's output move some of its values by a quantization step (0.25%
# relative RMS between the fused and the unfused int8 encoder of tiny, each 0.53% from float32): the fused one
# must be no farther from the float32 encoder's outputs than the unfused one, within a tenth.
TOLERANCE = 1e-5
INT8_SLACK = 1.1
BLOCK = re.compile(r"^model\.vision_encoder\.backbone\.blocks\.(\d+)\.(layer_norm1\.weight|proj\.weight)$")


def block_heads(manifest, rows):
    """Heads per attention block: a block starts a stage where it has a projection (its width changes)."""
    blocks, starts = set(), set()
    for row in rows:
        m = BLOCK.match(row["initializer"])
        if m:
            (blocks if m.group(2) == "layer_norm1.weight" else starts).add(int(m.group(1)))
    per_stage = [0] * len(manifest["config"]["image_encoder"]["heads_per_stage"])
    stage = 0
    for i in sorted(blocks):
        if i in starts:
            stage += 1
        per_stage[stage] += 1
    return hiera_heads(per_stage, manifest["config"]["image_encoder"]["heads_per_stage"])


def random_checkpoint(rows, path, rng):
    """A checkpoint of random tensors, at the scale of transformers' initial weights, for the map's rows."""
    from safetensors.numpy import save_file

    tensors = {}
    for r in rows:
        if r.get("source") != "checkpoint" or r["tensor"] in tensors:
            continue
        shape = list(r["shape"])
        if r.get("transpose"):  # the row is the tensor transposed: out.shape[i] = tensor.shape[transpose[i]]
            source = [0] * len(shape)
            for i, axis in enumerate(r["transpose"]):
                source[axis] = shape[i]
            shape = source
        tensors[r["tensor"]] = (rng.standard_normal(shape) * 0.02).astype(np.float32)
    save_file(tensors, path)
    return path


def session(path, rows, checkpoint):
    """The graph's session: its weights from the checkpoint where it has placeholders, else its own."""
    import onnxruntime as ort

    if checkpoint is not None:
        return weightless_session(path, rows, checkpoint)
    return ort.InferenceSession(path, providers=["CPUExecutionProvider"])


def relative_rms(exact, other):
    """The largest over outputs of the RMS difference relative to the RMS of exact's output."""
    return max(float(np.sqrt(np.mean((a - b) ** 2) / max(np.mean(a ** 2), 1e-24))) for a, b in zip(exact, other))


def fuse_folder(folder):
    import onnx

    manifest_path = os.path.join(folder, "manifest.json")
    with open(manifest_path) as f:
        manifest = json.load(f)
    with open(os.path.join(folder, manifest["checkpoint_map"]["file"])) as f:
        maps = json.load(f)["graphs"]
    heads = block_heads(manifest, maps["image_encoder"])
    specs = [("image_encoder", manifest["graphs"]["image_encoder"])]
    if "int8" in manifest.get("precisions", {}):
        specs.append(("image_encoder@int8", manifest["precisions"]["int8"]["image_encoder"]))
    size = manifest["config"]["image_size"]
    pixels = {"pixel_values": np.random.default_rng(1).standard_normal((1, 3, size, size)).astype(np.float32)}
    with tempfile.TemporaryDirectory(dir=folder) as work:
        checkpoint = None
        if "weights" in manifest:  # placeholders: fill them with random weights of the checkpoint's shapes
            rows = [r for graph, _ in specs for r in maps[graph]]
            checkpoint = random_checkpoint(rows, os.path.join(work, "random.safetensors"), np.random.default_rng(0))
        exact = None  # the float32 encoder's outputs (it comes first), which the int8 one is measured against
        done = []
        for graph, spec in specs:
            path = os.path.join(folder, spec["file"])
            unfused = session(path, maps[graph], checkpoint).run(None, pixels)
            if graph == "image_encoder":
                exact = unfused
            model = onnx.load(path, load_external_data=False)
            if any(n.op_type == "MultiHeadAttention" for n in model.graph.node):
                print(f"{path}: fused already")
                continue
            fused_path = os.path.join(work, spec["file"])
            count = fuse_encoder(path, fused_path, heads)
            fused = session(fused_path, maps[graph], checkpoint).run(None, pixels)
            if graph == "image_encoder":
                worst = max(float(np.abs(a - b).max() / max(np.abs(a).max(), 1e-12)) for a, b in zip(unfused, fused))
                print(f"{path}: {count} attentions fused, outputs within {worst:.2e} of the unfused graph (relative)")
                if not worst <= TOLERANCE:
                    raise SystemExit(f"{path}: the fused graph differs by {worst:.2e} > {TOLERANCE}; nothing written")
            else:
                before, after = relative_rms(exact, unfused), relative_rms(exact, fused)
                print(f"{path}: {count} attentions fused, {after:.2e} from float32 (relative RMS; unfused {before:.2e})")
                if not after <= INT8_SLACK * before:
                    raise SystemExit(f"{path}: the fused graph is farther from float32 than the unfused one; nothing "
                                     "written")
            done.append((fused_path, path, spec))
        for fused, path, spec in done:
            shutil.move(fused, path)
            spec["sha256"], spec["bytes"] = sha256(path), os.path.getsize(path)
    if done:
        with open(manifest_path, "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoders", nargs="+", metavar="FOLDER", help="bundle folders whose encoders to fuse")
    parser.add_argument("graphs", nargs="*", metavar="IN OUT", help="a memory-attention graph and where to write it")
    args = parser.parse_args(argv)
    if args.encoders:
        for folder in args.encoders:
            fuse_folder(folder)
        return 0
    if len(args.graphs) != 2:
        parser.error("give IN.onnx OUT.onnx, or --encoders FOLDER...")
    print(f"{args.graphs[0]}: {fuse(*args.graphs)} attentions fused -> {args.graphs[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
