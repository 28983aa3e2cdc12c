"""The int8 precision of a weightless graph: its linear layers on the CPU's int8 matrix units.

Every MatMul whose second input is a checkpoint weight (directly, or through a Transpose of it) becomes ONNX
Runtime's dynamic quantization pattern, which its optimizer fuses into one DynamicQuantizeMatMul kernel:

    DynamicQuantizeLinear(x) -> x_u8, x_scale, x_zero
    MatMulInteger(x_u8, W_s8, x_zero) -> int32;  Cast -> float;  Mul by x_scale * W_scale

W_s8 (int8, symmetric, one scale per output column) and W_scale are placeholders like the weights they replace:
the checkpoint map names the checkpoint tensor they are made from and how ("quantize": "int8" or "scale"), and
an engine makes them from the same model.safetensors when it loads the graph, with quantize_columns below (the
Java engine has its own copy of that rule: CheckpointWeights). Activations are quantized per call, by the
runtime. Everything else (convolutions, normalisations, attention products, biases) stays float32.
"""

from __future__ import annotations

import copy

import numpy as np

from .weightless import PLACEHOLDER

INT8_SUFFIX = ".int8"
SCALE_SUFFIX = ".scale"


def quantize_columns(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A [K, N] float matrix as int8 values and one float32 scale per column: scale = max |column| / 127 (1 for a
    column of zeros), value = round half to even (x / scale), within [-127, 127]."""
    peak = np.abs(matrix).max(axis=0).astype(np.float32)
    scale = np.where(peak > 0, peak / np.float32(127), np.float32(1)).astype(np.float32)
    values = np.clip(np.rint(matrix / scale), -127, 127).astype(np.int8)
    return values, scale


def quantize_graph(src: str, dst: str, rows: list[dict]) -> tuple[list[dict], int]:
    """Writes the int8 graph of a weightless graph and returns its checkpoint map rows and the layers changed."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(src, load_external_data=False)
    graph = model.graph
    by_name = {r["initializer"]: r for r in rows}
    initializers = {i.name: i for i in graph.initializer}
    producers = {o: n for n in graph.node for o in n.output}
    consumers = {}
    for n in graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)

    replaced, gone_nodes, gone_weights, new_rows, new_inits = {}, set(), set(), [], []
    for node in list(graph.node):
        if node.op_type != "MatMul":
            continue
        weight, transposed = weight_of(node.input[1], producers, initializers, by_name)
        if weight is None or len(consumers.get(weight, [])) != 1:
            continue  # a weight used elsewhere too stays float32
        if transposed and len(consumers.get(node.input[1], [])) != 1:
            continue
        row = by_name[weight]
        shape = list(row["shape"]) if not transposed else list(reversed(row["shape"]))  # [K, N] as multiplied
        int8_row = dict(copy.deepcopy(row), initializer=weight + INT8_SUFFIX, shape=shape, dtype="int8",
                        transpose=composed(row["transpose"], transposed), quantize="int8")
        scale_row = dict(int8_row, initializer=weight + SCALE_SUFFIX, dtype="float32", quantize="scale")
        new_rows += [int8_row, scale_row]
        new_inits += [placeholder(int8_row["initializer"], TensorProto.INT8, shape),
                      placeholder(scale_row["initializer"], TensorProto.FLOAT, [shape[1]])]
        x, out, p = node.input[0], node.output[0], weight + "/int8"
        replaced[id(node)] = [
            helper.make_node("DynamicQuantizeLinear", [x], [p + "/x", p + "/x_scale", p + "/x_zero"], name=p + "/dq"),
            helper.make_node("MatMulInteger", [p + "/x", int8_row["initializer"], p + "/x_zero"], [p + "/int32"],
                             name=p + "/mm"),
            helper.make_node("Cast", [p + "/int32"], [p + "/float"], to=TensorProto.FLOAT, name=p + "/cast"),
            helper.make_node("Mul", [p + "/x_scale", scale_row["initializer"]], [p + "/scale"], name=p + "/scales"),
            helper.make_node("Mul", [p + "/float", p + "/scale"], [out], name=p + "/rescale"),
        ]
        gone_weights.add(weight)
        if transposed:
            gone_nodes.add(id(producers[node.input[1]]))
    nodes = []
    for node in graph.node:
        if id(node) not in gone_nodes:
            nodes += replaced.get(id(node), [node])
    del graph.node[:]
    graph.node.extend(nodes)
    kept = [i for i in graph.initializer if i.name not in gone_weights]
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits)
    onnx.save(model, dst)
    return [r for r in rows if r["initializer"] not in gone_weights] + new_rows, len(replaced)


def weight_of(name, producers, initializers, by_name):
    """The checkpoint weight a MatMul's second input is, and whether it goes through a 2-D Transpose; or None."""
    if name in initializers and by_name.get(name, {}).get("source") == "checkpoint":
        return (name, False) if len(by_name[name]["shape"]) == 2 else (None, False)
    node = producers.get(name)
    if node is not None and node.op_type == "Transpose" and node.input[0] in initializers:
        perm = [a.ints for a in node.attribute if a.name == "perm"]
        row = by_name.get(node.input[0], {})
        if row.get("source") == "checkpoint" and len(row["shape"]) == 2 and (not perm or list(perm[0]) == [1, 0]):
            return node.input[0], True
    return None, False


def composed(stored, transposed):
    """The axis order from the checkpoint's layout to the multiplied [K, N], given the map's own and a Transpose."""
    if not transposed:
        return stored
    return None if stored else [1, 0]


def placeholder(name, dtype, shape):
    import onnx

    tensor = onnx.TensorProto(name=name, data_type=dtype, dims=shape)
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", PLACEHOLDER
    tensor.data_location = onnx.TensorProto.EXTERNAL
    return tensor


INT8_GRAPH = "image_encoder"


def add_int8(folder: str, model, log=print) -> dict:
    """Adds the int8 image encoder to a weightless bundle folder (its graph, its checkpoint map rows under
    "image_encoder@int8", its manifest entry under "precisions") and returns how far its outputs are from the
    float32 graph's with the model's weights: relative RMS error and cosine per output."""
    import json
    import os
    import tempfile

    from .export import sha256
    from .weightless import save_checkpoint, weightless_session

    manifest_path = os.path.join(folder, "manifest.json")
    with open(manifest_path) as f:
        manifest = json.load(f)
    map_path = os.path.join(folder, manifest["checkpoint_map"]["file"])
    with open(map_path) as f:
        maps = json.load(f)
    spec = manifest["graphs"][INT8_GRAPH]
    src = os.path.join(folder, spec["file"])
    dst = os.path.join(folder, INT8_GRAPH + ".int8.onnx")
    rows, layers = quantize_graph(src, dst, maps["graphs"][INT8_GRAPH])
    with tempfile.TemporaryDirectory() as tmp:
        checkpoint = save_checkpoint(model, tmp)
        exact = weightless_session(src, maps["graphs"][INT8_GRAPH], checkpoint)
        fast = weightless_session(dst, rows, checkpoint)
        size = manifest["config"]["image_size"]
        pixels = np.random.default_rng(0).standard_normal((1, 3, size, size)).astype(np.float32)
        name = exact.get_inputs()[0].name
        errors = {}
        for out, a, b in zip([o.name for o in exact.get_outputs()], exact.run(None, {name: pixels}),
                             fast.run(None, {name: pixels})):
            a, b = a.astype(np.float64).ravel(), b.astype(np.float64).ravel()
            errors[out] = {"relative_rms": float(np.linalg.norm(a - b) / np.linalg.norm(a)),
                           "cosine": float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))}
    log(f"int8 {INT8_GRAPH}: {layers} linear layers on int8; " + ", ".join(
        f"{k} relative RMS {v['relative_rms']:.3%} cosine {v['cosine']:.5f}" for k, v in errors.items()))
    maps["graphs"][INT8_GRAPH + "@int8"] = rows
    with open(map_path, "w") as f:
        json.dump(maps, f, indent=1)
        f.write("\n")
    manifest.setdefault("precisions", {})["int8"] = {INT8_GRAPH: dict(spec, file=os.path.basename(dst),
                                                                     sha256=sha256(dst),
                                                                     bytes=os.path.getsize(dst))}
    manifest["checkpoint_map"]["sha256"] = sha256(map_path)
    manifest["self_check"]["int8"] = errors
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return errors
