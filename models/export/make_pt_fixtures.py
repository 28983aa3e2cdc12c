#!/usr/bin/env python3
"""PyTorch checkpoints written by torch.save, for the Java reader of Meta's .pt files.

  refenv run python3 models/export/make_pt_fixtures.py

Written to test-data/checkpoints/: a Meta-style checkpoint ({"model": state dict}) of F32 tensors; one whose
tensor is a transposed view (a stride the reader must refuse); one whose pickle asks for another global
(builtins.print, which the reader must refuse without running anything); and the expected values as JSON.
"""

import collections
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "test-data", "checkpoints")


class Sneaky:
    """Pickles as a call of builtins.print: a checkpoint that would run code in an unrestricted loader."""

    def __reduce__(self):
        return (print, ("a checkpoint should never run this",))


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(7)
    model = collections.OrderedDict()
    model["sam_prompt_encoder.pe_layer.positional_encoding_gaussian_matrix"] = torch.randn(2, 3, generator=g)
    model["image_encoder.trunk.pos_embed"] = torch.randn(1, 2, 2, 2, generator=g)
    model["no_mem_embed"] = torch.randn(1, 1, 4, generator=g)
    # Two tensors on one storage, the second from an offset: the layout torch.save keeps for views.
    shared = torch.randn(10, generator=g)
    model["sam_mask_decoder.iou_token.weight"] = shared[:4].view(1, 4)
    model["sam_mask_decoder.mask_tokens.weight"] = shared[4:10].view(2, 3)
    torch.save({"model": model}, os.path.join(OUT, "meta-style.pt"))
    expected = {k: {"shape": list(v.shape), "values": [float(x) for x in v.flatten().tolist()]} for k, v in model.items()}
    with open(os.path.join(OUT, "meta-style.json"), "w") as f:
        json.dump(expected, f, indent=1)
    torch.save({"model": collections.OrderedDict(t=torch.randn(3, 2, generator=g).t())},
               os.path.join(OUT, "strided.pt"))
    torch.save({"model": collections.OrderedDict(x=torch.zeros(1)), "extra": Sneaky()},
               os.path.join(OUT, "other-global.pt"))
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
