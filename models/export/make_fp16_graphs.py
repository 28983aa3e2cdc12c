#!/usr/bin/env python3
"""Half-precision (fp16) variants of a model's graphs, for the GPU.

  refenv run python3 models/export/make_fp16_graphs.py models/sam2.1-hiera-tiny models/sam2.1-shared OUT_DIR

Each graph is converted to fp16 inside (onnxruntime's float16 converter, with the normalisations, softmax and
reductions it keeps in fp32 left to its defaults), while everything the plugin exchanges with it stays as it was:
the graph's inputs and outputs keep their fp32 types (casts at the edges), and the weight placeholders keep their
names, fp32 type and external data, so the same checkpoint map and the same model.safetensors feed them; a cast
after each placeholder makes the fp16 copy, which ONNX Runtime folds once when the session opens. The CPU provider
has no fp16 kernels for most of these operators: the variants are meant for CUDA, and their speed and agreement
with fp32 must be measured on a GPU.
"""

import os
import sys

import onnx
from onnx import TensorProto, helper
from onnxruntime.transformers.float16 import DEFAULT_OP_BLOCK_LIST, convert_float_to_float16

# Resize takes its scales in fp32 whatever the data: kept in fp32 whole.
KEPT_IN_FP32 = sorted(set(DEFAULT_OP_BLOCK_LIST) | {"Resize", "Upsample"})


def convert(src, dst):
    model = onnx.load(src, load_external_data=False)
    graph = model.graph
    placeholders = [t for t in graph.initializer if t.data_location == TensorProto.EXTERNAL]
    # Weight placeholders become graph inputs for the conversion, so that they stay fp32 (keep_io_types) and a
    # cast to fp16 is put after each; they are made placeholders again afterwards.
    kept = {t.name: t for t in placeholders}
    for t in placeholders:
        graph.initializer.remove(t)
        graph.input.append(helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)))
    half = convert_float_to_float16(model, keep_io_types=True, disable_shape_infer=False, op_block_list=KEPT_IN_FP32)
    inputs = [i for i in half.graph.input if i.name in kept]
    for i in inputs:
        half.graph.input.remove(i)
        half.graph.initializer.append(kept[i.name])
    # onnx's checker would read the placeholders' data, which the graphs do not carry: checked below instead.
    onnx.save(half, dst)
    before = {i.name: i.type.tensor_type.elem_type for i in list(model.graph.input) + list(model.graph.output)
              if i.name not in kept}
    after = {i.name: i.type.tensor_type.elem_type for i in list(half.graph.input) + list(half.graph.output)}
    if before != after:
        raise SystemExit(f"{src}: the graph's inputs and outputs changed type: {before} -> {after}")
    if sorted(t.name for t in half.graph.initializer if t.data_location == TensorProto.EXTERNAL) != sorted(kept):
        raise SystemExit(f"{src}: the weight placeholders changed")
    fp16 = sum(1 for t in half.graph.initializer if t.data_type == TensorProto.FLOAT16)
    print(f"{os.path.basename(src)}: {len(kept)} fp32 weight placeholders cast inside, {fp16} fp16 constants")


def main(args):
    if len(args) < 2:
        raise SystemExit(__doc__)
    out = args[-1]
    os.makedirs(out, exist_ok=True)
    for folder in args[:-1]:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".onnx"):
                convert(os.path.join(folder, name), os.path.join(out, name))


if __name__ == "__main__":
    main(sys.argv[1:])
