"""Turns a Sam2VideoModel into a bundle folder: five ONNX graphs, a manifest and a checkpoint map."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass

import numpy as np
import torch

from . import FORMAT_VERSION
from . import meta
from .graphs import GRAPHS
from . import weightless as wl

OPSET = 17
SELF_CHECK_TOLERANCE = 1e-4
MANIFEST = "manifest.json"
CHECKPOINT_MAP = "checkpoint_map.json"
META_FORMAT = ("Meta's sam2.1_hiera_*.pt: each row's 'meta' lists the Meta tensors that make its tensor, one, or "
               "several stacked along the first axis")


class ExportError(Exception):
    """A problem the user can fix; printed as one line."""


@dataclass
class TensorSpec:
    name: str
    dtype: str
    shape: list  # ints, or strings naming a dynamic axis

    def as_json(self):
        return {"name": self.name, "dtype": self.dtype, "shape": self.shape}


def graph_specs(model) -> dict[str, tuple[list[TensorSpec], list[TensorSpec]]]:
    """The input and output tensors of each graph, as the manifest states them."""
    cfg = model.config
    size = cfg.image_size
    h, w = model.backbone_feature_sizes[-1]
    low = model.prompt_encoder.mask_input_size[0]
    c = model.hidden_dim
    d = model.mem_dim
    f32, i32, i64 = "float32", "int32", "int64"
    feat0 = [1, c // 8, 4 * h, 4 * w]
    feat1 = [1, c // 4, 2 * h, 2 * w]
    embed1 = [1, c, h, w]
    return {
        "image_encoder": (
            [TensorSpec("pixel_values", f32, [1, 3, size, size])],
            [TensorSpec("high_res_feat0", f32, feat0), TensorSpec("high_res_feat1", f32, feat1),
             TensorSpec("image_embed", f32, embed1)]),
        "mask_decoder": (
            [TensorSpec("image_embed", f32, ["objects", c, h, w]),
             TensorSpec("high_res_feat0", f32, feat0), TensorSpec("high_res_feat1", f32, feat1),
             TensorSpec("point_coords", f32, ["objects", "points", 2]),
             TensorSpec("point_labels", i32, ["objects", "points"]),
             TensorSpec("mask_input", f32, ["objects", 1, low, low]),
             TensorSpec("has_mask_input", f32, ["objects"]),
             TensorSpec("no_memory", f32, ["objects"]),
             TensorSpec("multimask", f32, ["objects"]),
             TensorSpec("object_presence", f32, ["objects"])],
            [TensorSpec("low_res_masks", f32, ["objects", 1, low, low]),
             TensorSpec("iou_scores", f32, ["objects", 4]),
             TensorSpec("mask_index", i64, ["objects"]),
             TensorSpec("object_score_logits", f32, ["objects", 1]),
             TensorSpec("object_pointer", f32, ["objects", c])]),
        "mask_prompt": (
            [TensorSpec("mask", f32, ["objects", 1, size, size])],
            [TensorSpec("low_res_masks", f32, ["objects", 1, low, low]),
             TensorSpec("mask_input", f32, ["objects", 1, low, low])]),
        "memory_encoder": (
            [TensorSpec("image_embed", f32, embed1),
             TensorSpec("mask_high_res", f32, ["objects", 1, size, size]),
             TensorSpec("binarize", f32, ["objects"]),
             TensorSpec("object_score_logits", f32, ["objects", 1])],
            [TensorSpec("memory_features", f32, ["objects", d, h, w])]),
        "memory_attention": (
            [TensorSpec("image_embed", f32, embed1),
             TensorSpec("memory_features", f32, ["objects", "memory_frames", d, h, w]),
             TensorSpec("memory_tpos", i64, ["objects", "memory_frames"]),
             TensorSpec("object_pointers", f32, ["objects", "pointers", c]),
             TensorSpec("pointer_tpos", f32, ["objects", "pointers"])],
            [TensorSpec("conditioned_embed", f32, ["objects", c, h, w])]),
    }


def sample_inputs(model, name: str, rng: np.random.Generator, objects=2, points=3, frames=2, pointers=3):
    """Inputs that exercise a graph's branches: mixed flags, masks of both signs, padding labels."""
    specs, _ = graph_specs(model)[name]
    dims = {"objects": objects, "points": points, "memory_frames": frames, "pointers": pointers}
    out = {}
    size = model.config.image_size
    for spec in specs:
        shape = [dims[s] if isinstance(s, str) else s for s in spec.shape]
        if spec.name == "point_coords":
            value = rng.uniform(0, size, shape)
        elif spec.name == "point_labels":
            value = rng.integers(-1, 4, shape)
        elif spec.name == "memory_tpos":
            value = rng.integers(0, model.num_maskmem, shape)
        elif spec.name == "pointer_tpos":
            value = rng.uniform(-1, 1, shape)
        elif spec.name in ("has_mask_input", "no_memory", "multimask", "binarize"):
            value = (np.arange(shape[0]) % 2).astype(np.float32)
        elif spec.name == "object_presence":
            value = np.array([-1, 1, 0][: shape[0]] + [-1] * max(0, shape[0] - 3), dtype=np.float32)
        elif spec.name == "mask":
            value = (rng.uniform(0, 1, shape) > 0.6)
        elif spec.name in ("mask_high_res", "mask_input"):
            value = rng.normal(0, 8, shape)
        elif spec.name == "object_score_logits":
            value = np.linspace(-2, 2, shape[0]).reshape(shape)
        else:
            value = rng.normal(0, 1, shape)
        out[spec.name] = value.astype(np.int32 if spec.dtype == "int32" else
                                      np.int64 if spec.dtype == "int64" else np.float32)
    return out


def export_graph(model, name: str, path: str):
    module = GRAPHS[name](model).eval()
    specs_in, specs_out = graph_specs(model)[name]
    inputs = sample_inputs(model, name, np.random.default_rng(0))
    args = tuple(torch.from_numpy(inputs[s.name]) for s in specs_in)
    dynamic = {}
    for spec in specs_in + specs_out:
        axes = {i: d for i, d in enumerate(spec.shape) if isinstance(d, str)}
        if axes:
            dynamic[spec.name] = axes
    with torch.no_grad():
        torch.onnx.export(module, args, path, dynamo=False, opset_version=OPSET, do_constant_folding=False,
                          input_names=[s.name for s in specs_in], output_names=[s.name for s in specs_out],
                          dynamic_axes=dynamic)
    _declare_shapes(path, specs_in, specs_out)
    _canonical_names(path)


def _canonical_names(path):
    """Renames the exporter's numbered values and nodes (onnx::MatMul_1234, /layers.0/Add_3_output_0) in graph
    order. Their numbers depend on what else the process exported before, so the same module exported after
    another model's graphs would differ byte for byte; with these names it does not, and the graphs that every
    model size shares are shipped once. Inputs, outputs and named weights (model.*) keep their names."""
    import onnx

    model = onnx.load(path)
    graph = model.graph
    keep = {v.name for v in graph.input} | {v.name for v in graph.output}
    keep |= {i.name for i in graph.initializer if i.name.startswith("model.")}
    names = {}

    def rename(name):
        if not name or name in keep:
            return name
        if name not in names:
            names[name] = f"v{len(names)}"
        return names[name]

    counter = [0]

    def walk(g):
        """Renames a graph and, through If and Loop nodes, the subgraphs that read the outer graph's values."""
        for init in g.initializer:
            init.name = rename(init.name)
        for node in g.node:
            node.name = f"n{counter[0]}"
            counter[0] += 1
            node.input[:] = [rename(n) for n in node.input]
            node.output[:] = [rename(n) for n in node.output]
            for attr in node.attribute:
                if attr.type == onnx.AttributeProto.GRAPH:
                    walk(attr.g)
                for sub in attr.graphs:
                    walk(sub)
        for info in list(g.value_info) + (list(g.output) + list(g.input) if g is not graph else []):
            info.name = rename(info.name)

    walk(graph)
    onnx.save(model, path)


def _declare_shapes(path, specs_in, specs_out):
    """Writes the manifest's shapes into the graph's inputs and outputs: the exporter leaves some output
    dimensions unnamed and unknown, and an engine checks graphs against their manifest."""
    import onnx

    model = onnx.load(path)
    specs = {s.name: s for s in specs_in + specs_out}
    for value in list(model.graph.input) + list(model.graph.output):
        dims = value.type.tensor_type.shape.dim
        spec = specs[value.name]
        del dims[:]
        for d in spec.shape:
            dim = dims.add()
            if isinstance(d, str):
                dim.dim_param = d
            else:
                dim.dim_value = d
    onnx.save(model, path)



def self_check(model, name: str, path: str, shapes: list[dict]) -> float:
    """Largest absolute difference between ONNX Runtime and torch on the same inputs, over several shapes."""
    import onnxruntime as ort

    module = GRAPHS[name](model).eval()
    specs_in, specs_out = graph_specs(model)[name]
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    worst = 0.0
    for i, dims in enumerate(shapes):
        inputs = sample_inputs(model, name, np.random.default_rng(100 + i), **dims)
        with torch.no_grad():
            expected = module(*[torch.from_numpy(inputs[s.name]) for s in specs_in])
            if isinstance(expected, torch.Tensor):
                expected = (expected,)
        actual = session.run([s.name for s in specs_out], inputs)
        for spec, e, a in zip(specs_out, expected, actual):
            e = e.numpy()
            if e.shape != a.shape:
                raise ExportError(f"self-check {name}.{spec.name}: shape {a.shape} from ONNX, {e.shape} from torch")
            if spec.dtype == "int64":
                if not np.array_equal(e, a):
                    raise ExportError(f"self-check {name}.{spec.name}: indices differ")
                continue
            worst = max(worst, float(np.max(np.abs(e.astype(np.float64) - a))) if e.size else 0.0)
    return worst


SELF_CHECK_SHAPES = {
    "image_encoder": [{}],
    "mask_decoder": [dict(objects=1, points=1), dict(objects=3, points=4), dict(objects=2, points=2)],
    "mask_prompt": [dict(objects=1), dict(objects=2)],
    "memory_encoder": [dict(objects=1), dict(objects=3)],
    "memory_attention": [dict(objects=1, frames=1, pointers=1), dict(objects=2, frames=7, pointers=16),
                         dict(objects=2, frames=3, pointers=0), dict(objects=1, frames=4, pointers=5)],
}


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checkpoint_map(model, graph_path: str, prefix="model.") -> list[dict]:
    """For every initializer of a graph: the checkpoint tensor it is, or 'constant' when it is computed
    from the architecture alone (position codes, resampling weights) and stays in the weightless graph."""
    import onnx
    from onnx import numpy_helper

    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    graph = onnx.load(graph_path, load_external_data=False).graph
    rows = []
    for init in graph.initializer:
        key = init.name[len(prefix):] if init.name.startswith(prefix) else None
        value = numpy_helper.to_array(init)
        row = {"initializer": init.name, "shape": list(value.shape), "dtype": str(value.dtype)}
        if key in state and state[key].shape == value.shape and np.array_equal(state[key], value):
            row.update(source="checkpoint", tensor=key, transpose=None, meta=meta.meta_sources(key))
        elif key in state and state[key].ndim == 2 and np.array_equal(state[key].T, value):
            row.update(source="checkpoint", tensor=key, transpose=[1, 0], meta=meta.meta_sources(key))
        else:
            row.update(source="constant")
        rows.append(row)
    return rows


def weightless_check(model, name: str, full_path: str, path: str, rows: list[dict], checkpoint: str) -> float:
    """Largest difference between the full graph and the weightless one given the checkpoint's weights: it
    proves the checkpoint map and the checkpoint's tensor names, and must be exactly 0."""
    import onnxruntime as ort

    specs_in, specs_out = graph_specs(model)[name]
    full = ort.InferenceSession(full_path, providers=["CPUExecutionProvider"])
    light = wl.weightless_session(path, rows, checkpoint)
    worst = 0.0
    for i, dims in enumerate(SELF_CHECK_SHAPES[name]):
        inputs = sample_inputs(model, name, np.random.default_rng(200 + i), **dims)
        for a, b in zip(full.run(None, inputs), light.run(None, inputs)):
            worst = max(worst, float(np.max(np.abs(a.astype(np.float64) - b))) if a.size else 0.0)
    return worst


def write_bundle(model, out_dir: str, model_name: str, source: str, *, log=print, overwrite=False,
                 weightless=False, include_weights=False) -> dict:
    """Exports, checks and writes a bundle; nothing is left at out_dir unless every check passed.

    weightless: graphs without the checkpoint's weights, and a manifest naming the checkpoint file that an
    engine loads them from (see weightless.py); include_weights puts that file, as transformers saves it,
    in the bundle."""
    import onnx
    import onnxruntime
    import transformers

    from .fusion import fuse, fuse_encoder, hiera_heads

    if os.path.exists(out_dir) and not overwrite:
        raise ExportError(f"{out_dir} exists; pass --overwrite to replace it")
    parent = os.path.dirname(os.path.abspath(out_dir))
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".bundle-", dir=parent)
    try:
        specs = graph_specs(model)
        graphs, checks, mapping = {}, {}, {}
        checkpoint = wl.save_checkpoint(model, os.path.join(work, ".checkpoint")) if weightless else None
        for name in GRAPHS:
            path = os.path.join(work, f"{name}.onnx")
            export_graph(model, name, path)
            # One fused kernel per attention, checked against torch like the rest (sam2_export/fusion.py).
            if name == "memory_attention":
                log(f"fused {fuse(path, path)} attentions of {name}")
            elif name == "image_encoder":
                backbone = model.config.vision_config.backbone_config
                heads = hiera_heads(backbone.blocks_per_stage, backbone.num_attention_heads_per_stage)
                log(f"fused {fuse_encoder(path, path, heads)} attentions of {name}")
            diff = self_check(model, name, path, SELF_CHECK_SHAPES[name])
            checks[name] = diff
            log(f"self-check {name:17s} max abs diff {diff:.3e}")
            if not diff <= SELF_CHECK_TOLERANCE:
                raise ExportError(f"self-check failed for {name}: max abs diff {diff:.3e} > {SELF_CHECK_TOLERANCE}")
            mapping[name] = checkpoint_map(model, path)
            if weightless:
                full_path = path + ".full"
                shutil.move(path, full_path)
                shutil.copy(full_path, path)
                wl.strip_weights(path, mapping[name])
                same = weightless_check(model, name, full_path, path, mapping[name], checkpoint)
                os.remove(full_path)
                log(f"weightless {name:18s} max abs diff {same:.3e} against the full graph")
                if same != 0.0:
                    raise ExportError(f"the weightless {name} graph with the checkpoint's weights differs from the "
                                      f"full graph by {same:.3e}")
            ins, outs = specs[name]
            graphs[name] = {"file": f"{name}.onnx", "sha256": sha256(path), "bytes": os.path.getsize(path),
                            "inputs": [s.as_json() for s in ins], "outputs": [s.as_json() for s in outs]}
        map_path = os.path.join(work, CHECKPOINT_MAP)
        with open(map_path, "w") as f:
            json.dump({"checkpoint_format": "transformers Sam2VideoModel state dict (model.safetensors)",
                       "meta_format": META_FORMAT, "graphs": mapping}, f, indent=1)
            f.write("\n")
        weights = None
        if weightless:
            weights = {"file": wl.WEIGHTS_FILE, "format": "safetensors",
                       "checkpoint": "transformers Sam2VideoModel state dict", "bytes": None, "sha256": None}
            if include_weights:
                shutil.move(checkpoint, os.path.join(work, wl.WEIGHTS_FILE))
                os.chmod(os.path.join(work, wl.WEIGHTS_FILE), 0o644)
                weights.update(bytes=os.path.getsize(os.path.join(work, wl.WEIGHTS_FILE)),
                               sha256=sha256(os.path.join(work, wl.WEIGHTS_FILE)))
            shutil.rmtree(os.path.join(work, ".checkpoint"))
        manifest = {
            "format": "sam2-tracker-bundle",
            "format_version": FORMAT_VERSION,
            "model": {"name": model_name, "architecture": "SAM 2.1", "source": source},
            "config": engine_config(model),
            "graphs": graphs,
            "checkpoint_map": {"file": CHECKPOINT_MAP, "sha256": sha256(map_path)},
            **({"weights": weights} if weights else {}),
            "exporter": {"transformers": transformers.__version__, "torch": torch.__version__.split("+")[0],
                         "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__, "opset": OPSET},
            "self_check": {"tolerance": SELF_CHECK_TOLERANCE, "max_abs_diff": checks},
        }
        with open(os.path.join(work, MANIFEST), "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        install_folder(work, out_dir)
        return manifest
    finally:
        if os.path.exists(work):
            shutil.rmtree(work)


def install_folder(work: str, out_dir: str):
    """Moves a finished bundle folder into place, replacing an older one only now that the new one is complete.
    The older one's graphs for other input sizes (input-N folders) are kept: they are not this export's."""
    os.chmod(work, 0o755)
    if os.path.exists(out_dir):
        for entry in os.listdir(out_dir):
            if entry.startswith("input-") and not os.path.exists(os.path.join(work, entry)):
                os.rename(os.path.join(out_dir, entry), os.path.join(work, entry))
        shutil.rmtree(out_dir)
    os.rename(work, out_dir)


def engine_config(model) -> dict:
    """Every value the engine needs besides the graphs."""
    cfg = model.config
    dec = cfg.mask_decoder_config
    backbone = cfg.vision_config.backbone_config
    h, w = model.backbone_feature_sizes[-1]
    return {
        "image_size": cfg.image_size,
        "feature_size": h,
        "low_res_mask_size": model.prompt_encoder.mask_input_size[0],
        "hidden_dim": model.hidden_dim,
        "memory_dim": model.mem_dim,
        "image_mean": [0.485, 0.456, 0.406],
        "image_std": [0.229, 0.224, 0.225],
        "resize": "bilinear, antialiased when shrinking, on 8-bit values rounded to 8 bits (torchvision resize of a "
                  "uint8 tensor), aspect ratio not kept",
        "num_maskmem": cfg.num_maskmem,
        "max_object_pointers": cfg.max_object_pointers_in_encoder,
        "max_cond_frame_num": cfg.max_cond_frame_num,
        "multimask_output_in_sam": cfg.multimask_output_in_sam,
        "multimask_output_for_tracking": cfg.multimask_output_for_tracking,
        "multimask_min_pt_num": cfg.multimask_min_pt_num,
        "multimask_max_pt_num": cfg.multimask_max_pt_num,
        "dynamic_multimask_stability_delta": dec.dynamic_multimask_stability_delta,
        "dynamic_multimask_stability_thresh": dec.dynamic_multimask_stability_thresh,
        "sigmoid_scale_for_mem_enc": cfg.sigmoid_scale_for_mem_enc,
        "sigmoid_bias_for_mem_enc": cfg.sigmoid_bias_for_mem_enc,
        "binarize_mask_from_points_for_mem_enc": True,
        "mask_prompt_scale": 20.0,
        "mask_prompt_bias": -10.0,
        "no_object_score": -1024.0,
        "memory_feature_dtype": "bfloat16",
        # what of the Hiera image encoder its weights do not tell, for the engine's own encoder (bf16)
        "image_encoder": {
            "heads_per_stage": list(backbone.num_attention_heads_per_stage),
            "window_size_per_stage": list(backbone.window_size_per_stage),
            "global_attention_blocks": list(backbone.global_attention_blocks),
        },
    }
