"""Graphs without weights: every checkpoint initializer is left as a named, typed, shaped placeholder that an
engine fills from the official model.safetensors at session creation (ONNX Runtime's external initializers).

The graphs then hold only the wiring and the architecture's constants (position codes, resampling weights),
so they are small enough to ship with the plugin, and the weights come from the checkpoint that Meta
publishes, unchanged.
"""

from __future__ import annotations

import os

import numpy as np

WEIGHTS_FILE = "model.safetensors"
# A location that never exists: a runtime that is not given the weights fails with "file not found" instead
# of reading some other file's bytes as weights.
PLACEHOLDER = "weights-supplied-at-load"


def save_checkpoint(model, folder: str) -> str:
    """The model's weights as transformers writes them (the format of the hub's model.safetensors)."""
    model.save_pretrained(folder, safe_serialization=True)
    path = os.path.join(folder, WEIGHTS_FILE)
    if not os.path.isfile(path):
        raise RuntimeError(f"save_pretrained wrote no {WEIGHTS_FILE} in {folder}")
    return path


def strip_weights(path: str, rows: list[dict]):
    """Rewrites a graph with every checkpoint initializer as an external-data placeholder."""
    import onnx

    model = onnx.load(path)
    sources = {r["initializer"]: r["source"] for r in rows}
    for init in model.graph.initializer:
        if sources[init.name] != "checkpoint":
            continue
        for field in ("raw_data", "float_data", "int32_data", "int64_data", "double_data"):
            init.ClearField(field)
        del init.external_data[:]
        entry = init.external_data.add()
        entry.key, entry.value = "location", PLACEHOLDER
        init.data_location = onnx.TensorProto.EXTERNAL
    onnx.save(model, path)


def checkpoint_initializers(rows: list[dict], checkpoint: str) -> dict[str, np.ndarray]:
    """The values of a graph's checkpoint initializers, read from a safetensors file through the map."""
    from safetensors.numpy import load_file

    tensors = load_file(checkpoint)
    values = {}
    for r in rows:
        if r["source"] != "checkpoint":
            continue
        if r["tensor"] not in tensors:
            raise RuntimeError(f"{checkpoint} has no tensor {r['tensor']}")
        value = tensors[r["tensor"]].astype(np.float32)
        if r["transpose"]:
            value = np.ascontiguousarray(value.transpose(r["transpose"]))
        if list(value.shape) != r["shape"]:
            raise RuntimeError(f"{r['tensor']} has shape {list(value.shape)}, the graph needs {r['shape']}")
        if r.get("quantize"):
            from .quantize import quantize_columns

            int8, scale = quantize_columns(value)
            value = int8 if r["quantize"] == "int8" else scale
        values[r["initializer"]] = value
    return values


def weightless_session(path: str, rows: list[dict], checkpoint: str):
    """An ONNX Runtime session of a weightless graph with its weights from the checkpoint."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    values = checkpoint_initializers(rows, checkpoint)
    names = list(values)
    ort_values = [ort.OrtValue.ortvalue_from_numpy(values[n]) for n in names]
    options.add_external_initializers(names, ort_values)
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    session._keep_alive = ort_values  # the session reads these buffers; they must live as long as it does
    return session
