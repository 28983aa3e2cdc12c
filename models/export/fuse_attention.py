#!/usr/bin/env python3
"""Fuses the attentions of an exported memory-attention graph into ONNX Runtime's MultiHeadAttention (see
sam2_export/fusion.py; the exporter does it to every memory-attention graph it writes).

  refenv run python3 models/export/fuse_attention.py IN.onnx OUT.onnx
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sam2_export.fusion import fuse  # noqa: E402

if __name__ == "__main__":
    print(f"{sys.argv[1]}: {fuse(sys.argv[1], sys.argv[2])} attentions fused -> {sys.argv[2]}")
