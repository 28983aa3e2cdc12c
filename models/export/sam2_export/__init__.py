"""Exports SAM 2.1 video models from Hugging Face transformers into ONNX model bundles."""

FORMAT_VERSION = 1
