"""The toy bundle: the bundle contract, with hand-built graphs that implement a simple blob tracker.

It is not SAM 2 and learns nothing. Its graphs do this:
  image_encoder     brightness (mean of the normalised RGB channels), averaged to the 64x64 mask grid
                    (high_res_feat0 channel 0) and to the 16x16 feature grid (image_embed channel 0);
  mask_prompt       the mask averaged to 64x64: logits mask*20-10 and a dense prompt in 0..1;
  memory_encoder    the object's binary mask at 64x64, folded into 16 channels of the 16x16 grid;
  memory_attention  the most recent memory frame (smallest temporal index) passed on in channels 1-16;
  mask_decoder      a prior region (disks around positive clicks, minus disks around negative ones, the
                    box, the dense mask prompt, or the remembered mask grown by 3 pixels), and inside it
                    the pixels brighter than a threshold. The object is present when any pixel is.
So on a clean fluorescence time-lapse it follows each bright blob from its prompt, as long as a blob
moves by less than its size between frames. End-to-end tests use it to check real tracking against
known ground truth; equivalence with SAM 2.1 is tested with the reference bundle instead.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import numpy as np

from . import FORMAT_VERSION
from .export import MANIFEST, install_folder, sha256

HIDDEN = 64
MEMORY = 64
THRESHOLD = (0.35 - 0.449) / 0.226   # normalised brightness of grey 0.35, about 90 of 255
CLICK_RADIUS = 28.0                  # model pixels
GROWTH = 3                           # low-resolution pixels the remembered mask grows per frame


def _helpers():
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []
    counter = [0]

    def const(value, dtype=np.float32):
        counter[0] += 1
        name = f"c{counter[0]}"
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(kind, inputs, **attrs):
        counter[0] += 1
        out = f"t{counter[0]}"
        nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    def output(kind, inputs, name, **attrs):
        nodes.append(helper.make_node(kind, inputs, [name], **attrs))
        return name

    return TensorProto, helper, nodes, inits, const, op, output


def _model(name, inputs, outputs, nodes, inits):
    from onnx import helper

    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="sam2-tracker toy")
    model.ir_version = 8
    return model


def _io(helper, tp, name, dtype, shape):
    return helper.make_tensor_value_info(name, dtype, shape)


def image_encoder(size):
    tp, helper, nodes, inits, const, op, output = _helpers()
    low, feat = size // 4, size // 16
    bright = op("ReduceMean", ["pixel_values"], axes=[1], keepdims=1)               # [1,1,S,S]
    b64 = op("AveragePool", [bright], kernel_shape=[4, 4], strides=[4, 4])
    b16 = op("AveragePool", [bright], kernel_shape=[16, 16], strides=[16, 16])
    output("Pad", [b64, const([0, 0, 0, 0, 0, HIDDEN // 8 - 1, 0, 0], np.int64)], "high_res_feat0")
    output("Expand", [const(0.0), const([1, HIDDEN // 4, size // 8, size // 8], np.int64)], "high_res_feat1")
    output("Pad", [b16, const([0, 0, 0, 0, 0, HIDDEN - 1, 0, 0], np.int64)], "image_embed")
    return _model("image_encoder",
                  [_io(helper, tp, "pixel_values", tp.FLOAT, [1, 3, size, size])],
                  [_io(helper, tp, "high_res_feat0", tp.FLOAT, [1, HIDDEN // 8, low, low]),
                   _io(helper, tp, "high_res_feat1", tp.FLOAT, [1, HIDDEN // 4, size // 8, size // 8]),
                   _io(helper, tp, "image_embed", tp.FLOAT, [1, HIDDEN, feat, feat])], nodes, inits)


def mask_prompt(size):
    tp, helper, nodes, inits, const, op, output = _helpers()
    low = size // 4
    pooled = op("AveragePool", ["mask"], kernel_shape=[4, 4], strides=[4, 4])
    output("Add", [op("Mul", [pooled, const(20.0)]), const(-10.0)], "low_res_masks")
    output("Identity", [pooled], "mask_input")
    return _model("mask_prompt", [_io(helper, tp, "mask", tp.FLOAT, ["objects", 1, size, size])],
                  [_io(helper, tp, "low_res_masks", tp.FLOAT, ["objects", 1, low, low]),
                   _io(helper, tp, "mask_input", tp.FLOAT, ["objects", 1, low, low])], nodes, inits)


def memory_encoder(size):
    tp, helper, nodes, inits, const, op, output = _helpers()
    feat = size // 16
    binary = op("Cast", [op("Greater", ["mask_high_res", const(0.0)])], to=tp.FLOAT)
    pooled = op("AveragePool", [binary], kernel_shape=[4, 4], strides=[4, 4])       # [B,1,64,64]
    mask64 = op("Cast", [op("Greater", [pooled, const(0.5)])], to=tp.FLOAT)
    folded = op("SpaceToDepth", [mask64], blocksize=4)                                # [B,16,16,16]
    # An absent object leaves no mask. Inputs the toy does not need (binarize, pointers, ...) stay declared:
    # the contract is the same for every bundle.
    present = op("Cast", [op("Greater", ["object_score_logits", const(0.0)])], to=tp.FLOAT)  # [B,1]
    present = op("Unsqueeze", [present, const([2, 3], np.int64)])
    folded = op("Mul", [folded, present])
    output("Pad", [folded, const([0, 0, 0, 0, 0, MEMORY - 16, 0, 0], np.int64)], "memory_features")
    return _model("memory_encoder",
                  [_io(helper, tp, "image_embed", tp.FLOAT, [1, HIDDEN, feat, feat]),
                   _io(helper, tp, "mask_high_res", tp.FLOAT, ["objects", 1, size, size]),
                   _io(helper, tp, "binarize", tp.FLOAT, ["objects"]),
                   _io(helper, tp, "object_score_logits", tp.FLOAT, ["objects", 1])],
                  [_io(helper, tp, "memory_features", tp.FLOAT, ["objects", MEMORY, feat, feat])], nodes, inits)


def memory_attention(size):
    tp, helper, nodes, inits, const, op, output = _helpers()
    feat = size // 16
    # Weight each memory frame by softmax(-100 * temporal index): the most recent frame wins.
    tpos = op("Cast", ["memory_tpos"], to=tp.FLOAT)
    weights = op("Softmax", [op("Mul", [tpos, const(-100.0)])], axis=1)             # [B,F]
    weights = op("Unsqueeze", [weights, const([2, 3, 4], np.int64)])
    recent = op("ReduceSum", [op("Mul", ["memory_features", weights]), const([1], np.int64)], keepdims=0)
    mask_channels = op("Slice", [recent, const([0], np.int64), const([16], np.int64), const([1], np.int64)])
    batch = op("Shape", [mask_channels], start=0, end=1)
    bright = op("Slice", ["image_embed", const([0], np.int64), const([1], np.int64), const([1], np.int64)])
    bright = op("Expand", [bright, op("Concat", [batch, const([1, feat, feat], np.int64)], axis=0)])
    joined = op("Concat", [bright, mask_channels], axis=1)                             # [B,17,16,16]
    output("Pad", [joined, const([0, 0, 0, 0, 0, HIDDEN - 17, 0, 0], np.int64)], "conditioned_embed")
    return _model("memory_attention",
                  [_io(helper, tp, "image_embed", tp.FLOAT, [1, HIDDEN, feat, feat]),
                   _io(helper, tp, "memory_features", tp.FLOAT, ["objects", "memory_frames", MEMORY, feat, feat]),
                   _io(helper, tp, "memory_tpos", tp.INT64, ["objects", "memory_frames"]),
                   _io(helper, tp, "object_pointers", tp.FLOAT, ["objects", "pointers", HIDDEN]),
                   _io(helper, tp, "pointer_tpos", tp.FLOAT, ["objects", "pointers"])],
                  [_io(helper, tp, "conditioned_embed", tp.FLOAT, ["objects", HIDDEN, feat, feat])], nodes, inits)


def mask_decoder(size):
    tp, helper, nodes, inits, const, op, output = _helpers()
    low, feat = size // 4, size // 16
    centres = (np.arange(low, dtype=np.float32) + 0.5) * (size / low)
    gx = const(centres.reshape(1, 1, 1, low))
    gy = const(centres.reshape(1, 1, low, 1))

    def label_is(value):
        return op("Cast", [op("Equal", ["point_labels", const(value, np.int32)])], to=tp.FLOAT)   # [B,N]

    def per_point(x):                                                                   # [B,N] -> [B,N,1,1]
        return op("Unsqueeze", [x, const([2, 3], np.int64)])

    px = per_point(op("Squeeze", [op("Slice", ["point_coords", const([0], np.int64), const([1], np.int64),
                                               const([2], np.int64)]), const([2], np.int64)]))
    py = per_point(op("Squeeze", [op("Slice", ["point_coords", const([1], np.int64), const([2], np.int64),
                                               const([2], np.int64)]), const([2], np.int64)]))
    dist2 = op("Add", [op("Pow", [op("Sub", [gx, px]), const(2.0)]), op("Pow", [op("Sub", [gy, py]), const(2.0)])])
    disk = op("Cast", [op("Less", [dist2, const(CLICK_RADIUS ** 2)])], to=tp.FLOAT)   # [B,N,64,64]
    positive = op("ReduceMax", [op("Mul", [disk, per_point(label_is(1))])], axes=[1], keepdims=1)
    negative = op("ReduceMax", [op("Mul", [disk, per_point(label_is(0))])], axes=[1], keepdims=1)

    def corner(value, coord):                                                            # [B,1,1,1]
        return op("ReduceSum", [op("Mul", [coord, per_point(label_is(value))]), const([1], np.int64)], keepdims=1)

    inside = op("Mul", [op("Mul", [op("Cast", [op("Greater", [gx, corner(2, px)])], to=tp.FLOAT),
                                   op("Cast", [op("Less", [gx, corner(3, px)])], to=tp.FLOAT)]),
                        op("Mul", [op("Cast", [op("Greater", [gy, corner(2, py)])], to=tp.FLOAT),
                                   op("Cast", [op("Less", [gy, corner(3, py)])], to=tp.FLOAT)])])
    has_box = op("ReduceMax", [per_point(label_is(2))], axes=[1], keepdims=1)
    box = op("Mul", [inside, has_box])

    remembered = op("Slice", ["image_embed", const([1], np.int64), const([17], np.int64), const([1], np.int64)])
    remembered = op("DepthToSpace", [remembered], blocksize=4, mode="DCR")             # [B,1,64,64]
    memory_flag = op("Sub", [const(1.0), op("Unsqueeze", ["no_memory", const([1, 2, 3], np.int64)])])
    remembered = op("Mul", [remembered, memory_flag])
    grown = op("MaxPool", [remembered], kernel_shape=[2 * GROWTH + 1] * 2, pads=[GROWTH] * 4)
    dense = op("Mul", [op("Cast", [op("Greater", ["mask_input", const(0.5)])], to=tp.FLOAT),
                       op("Unsqueeze", ["has_mask_input", const([1, 2, 3], np.int64)])])
    prior = op("Max", [positive, box, grown, dense])
    prior = op("Mul", [prior, op("Sub", [const(1.0), negative])])                      # [B,1,64,64]

    batch = op("Shape", ["image_embed"], start=0, end=1)
    bright = op("Slice", ["high_res_feat0", const([0], np.int64), const([1], np.int64), const([1], np.int64)])
    bright = op("Expand", [bright, op("Concat", [batch, const([1, low, low], np.int64)], axis=0)])
    contrast = op("Mul", [op("Sub", [bright, const(THRESHOLD)]), const(8.0)])
    logits = op("Where", [op("Greater", [prior, const(0.5)]), contrast, const(-8.0)])
    logits = op("Max", [op("Min", [logits, const(12.0)]), const(-12.0)])
    best = op("ReduceMax", [logits], axes=[1, 2, 3], keepdims=0)                        # [B]
    predicted = op("Cast", [op("Greater", [best, const(0.0)])], to=tp.FLOAT)
    forced = "object_presence"
    use_forced = op("Cast", [op("GreaterOrEqual", [forced, const(0.0)])], to=tp.FLOAT)
    forced_present = op("Cast", [op("Greater", [forced, const(0.5)])], to=tp.FLOAT)
    present = op("Add", [op("Mul", [use_forced, forced_present]),
                         op("Mul", [op("Sub", [const(1.0), use_forced]), predicted])])
    score = op("Sub", [op("Mul", [present, const(20.0)]), const(10.0)])
    output("Unsqueeze", [score, const([1], np.int64)], "object_score_logits")
    gate = op("Unsqueeze", [predicted, const([1, 2, 3], np.int64)])
    output("Where", [op("Greater", [gate, const(0.5)]), logits, const(-1024.0)], "low_res_masks")
    output("Expand", [const(1.0), op("Concat", [batch, const([4], np.int64)], axis=0)], "iou_scores")
    output("Cast", [op("Mul", [predicted, const(0.0)])], "mask_index", to=tp.INT64)
    output("Mul", [op("Unsqueeze", [present, const([1], np.int64)]),
                   op("Expand", [const(1.0), op("Concat", [batch, const([HIDDEN], np.int64)], axis=0)])],
           "object_pointer")
    return _model("mask_decoder",
                  [_io(helper, tp, "image_embed", tp.FLOAT, ["objects", HIDDEN, feat, feat]),
                   _io(helper, tp, "high_res_feat0", tp.FLOAT, [1, HIDDEN // 8, low, low]),
                   _io(helper, tp, "high_res_feat1", tp.FLOAT, [1, HIDDEN // 4, size // 8, size // 8]),
                   _io(helper, tp, "point_coords", tp.FLOAT, ["objects", "points", 2]),
                   _io(helper, tp, "point_labels", tp.INT32, ["objects", "points"]),
                   _io(helper, tp, "mask_input", tp.FLOAT, ["objects", 1, low, low]),
                   _io(helper, tp, "has_mask_input", tp.FLOAT, ["objects"]),
                   _io(helper, tp, "no_memory", tp.FLOAT, ["objects"]),
                   _io(helper, tp, "multimask", tp.FLOAT, ["objects"]),
                   _io(helper, tp, "object_presence", tp.FLOAT, ["objects"])],
                  [_io(helper, tp, "low_res_masks", tp.FLOAT, ["objects", 1, low, low]),
                   _io(helper, tp, "iou_scores", tp.FLOAT, ["objects", 4]),
                   _io(helper, tp, "mask_index", tp.INT64, ["objects"]),
                   _io(helper, tp, "object_score_logits", tp.FLOAT, ["objects", 1]),
                   _io(helper, tp, "object_pointer", tp.FLOAT, ["objects", HIDDEN])], nodes, inits)


GRAPHS = {"image_encoder": image_encoder, "mask_decoder": mask_decoder, "mask_prompt": mask_prompt,
          "memory_encoder": memory_encoder, "memory_attention": memory_attention}


def engine_config(size):
    return {
        "image_size": size, "feature_size": size // 16, "low_res_mask_size": size // 4,
        "hidden_dim": HIDDEN, "memory_dim": MEMORY,
        "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225],
        "resize": "bilinear, antialiased when shrinking, on 8-bit values rounded to 8 bits (torchvision resize of "
                  "a uint8 tensor), aspect ratio not kept",
        "num_maskmem": 7, "max_object_pointers": 16, "max_cond_frame_num": -1,
        "multimask_output_in_sam": True, "multimask_output_for_tracking": True,
        "multimask_min_pt_num": 0, "multimask_max_pt_num": 1,
        "dynamic_multimask_stability_delta": 0.05, "dynamic_multimask_stability_thresh": 0.98,
        "sigmoid_scale_for_mem_enc": 20.0, "sigmoid_bias_for_mem_enc": -10.0,
        "binarize_mask_from_points_for_mem_enc": True,
        "mask_prompt_scale": 20.0, "mask_prompt_bias": -10.0, "no_object_score": -1024.0,
        "memory_feature_dtype": "bfloat16",
    }


def write_bundle(out_dir: str, image_size: int = 256):
    """Writes the toy bundle folder (replacing an old one only once the new one is complete)."""
    import onnx
    import onnxruntime as ort

    parent = os.path.dirname(os.path.abspath(out_dir))
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".bundle-", dir=parent)
    try:
        graphs = {}
        for name, build in GRAPHS.items():
            model = build(image_size)
            onnx.checker.check_model(model, full_check=True)
            path = os.path.join(work, f"{name}.onnx")
            onnx.save(model, path)
            session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
            graphs[name] = {"file": f"{name}.onnx", "sha256": sha256(path), "bytes": os.path.getsize(path),
                            "inputs": [_spec(v) for v in model.graph.input],
                            "outputs": [_spec(v) for v in model.graph.output]}
            del session
        manifest = {"format": "sam2-tracker-bundle", "format_version": FORMAT_VERSION,
                    "model": {"name": "toy-blob-tracker", "architecture": "toy (not SAM 2): bright blob tracker",
                              "source": "hand-built graphs, models/export/sam2_export/toy.py"},
                    "config": engine_config(image_size), "graphs": graphs}
        with open(os.path.join(work, MANIFEST), "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        install_folder(work, out_dir)
    finally:
        if os.path.exists(work):
            shutil.rmtree(work)


def _spec(value_info):
    from onnx import TensorProto

    dtype = {TensorProto.FLOAT: "float32", TensorProto.INT32: "int32", TensorProto.INT64: "int64"}
    shape = [d.dim_param if d.dim_param else d.dim_value for d in value_info.type.tensor_type.shape.dim]
    return {"name": value_info.name, "dtype": dtype[value_info.type.tensor_type.elem_type], "shape": shape}
