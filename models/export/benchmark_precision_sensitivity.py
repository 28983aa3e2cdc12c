#!/usr/bin/env python3
"""How much error in the image encoder the masks tolerate, and how much error each reduced precision makes there.

  refenv run python3 models/export/benchmark_precision_sensitivity.py [--size tiny] [--input-size 512] \\
      [--count 10] [--objects 3] [--errors 0.5 1 2 3] [--json OUT.json]

Two measurements on transformers' model, with random weights whose objects are present (OBJECTS_PRESENT):

1. The encoder's outputs on the clip's first frame, in float32 and with its linear layers' arithmetic rounded as
   each way of reduced precision rounds it (simulated: values rounded, products in float32): int8 weights alone (one scale per output channel, as the engine's int8), int8 activations alone
   (one scale and zero point per call, as ONNX Runtime's dynamic quantization), both (the engine's int8 mode),
   both with one activation scale per token, and the whole encoder in bfloat16. Printed: relative RMS error of
   each output against float32.
2. The clip tracked forward from the same clicks with float32 and with the encoder's outputs carrying Gaussian
   noise of each --errors relative RMS (percent), and with the encoder in bfloat16. Printed: per variant, the
   lowest mask IoU against float32 over the objects of each frame (masks at the frame's size), its minimum and
   mean over the frames, and how many frames fall below 0.99.

Together they say what error an encoder may make for masks to agree with IoU 0.99, and which precisions stay
inside it. The figures are of random weights; trained weights may tolerate more or less.
"""

import argparse
import copy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from benchmark_reference import grid_clicks, make_processor, read_frames  # noqa: E402
from sam2_export.models import OBJECTS_PRESENT, random_model  # noqa: E402
from sam2_export.quantize import quantize_columns  # noqa: E402

OUTPUTS = ("high_res_feat0", "high_res_feat1", "image_embed")  # the FPN levels, high to low resolution


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="tiny", choices=["tiny", "small", "base-plus", "large"])
    parser.add_argument("--weights-seed", type=int, default=0)
    parser.add_argument("--input-size", type=int, default=512)
    parser.add_argument("--frames-dir", default="/shared/data/bedroom")
    parser.add_argument("--count", type=int, default=10, help="frames tracked")
    parser.add_argument("--objects", type=int, default=3)
    parser.add_argument("--errors", type=float, nargs="*", default=[0.5, 1, 2, 3],
                        help="relative RMS errors (percent) put on the encoder's outputs")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    frames = read_frames(args.frames_dir, args.count)
    record = {"model": f"sam2.1-hiera-{args.size}", "weights": f"random, seed {args.weights_seed}, objects present",
              "input_size": args.input_size, "frames": args.count, "objects": args.objects,
              "encoder_error": encoder_errors(args, frames[0]), "mask_agreement": mask_agreement(args, frames)}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(record, f, indent=2)
    return 0


def model_of(args):
    model = random_model(args.size, args.weights_seed, image_size=args.input_size, **OBJECTS_PRESENT).eval()
    model.config._attn_implementation = "sdpa"
    return model


# ---- 1. the encoder's error under each rounding ----

def int8_columns(w):
    """[out, in] weights rounded to int8 with one symmetric scale per output channel: the engine's rule
    (quantize_columns, on the [in, out] matrix the graphs multiply by)."""
    values, scale = quantize_columns(w.detach().cpu().numpy().T)
    return torch.from_numpy((values.astype(np.float32) * scale).T.copy()).to(w.dtype)


def uint8_per_call(a):
    """Activations rounded as ONNX Runtime's DynamicQuantizeLinear does: one scale and zero point per call, the
    range widened to hold 0."""
    low, high = min(float(a.min()), 0.0), max(float(a.max()), 0.0)
    scale = (high - low) / 255 if high > low else 1.0
    zero = min(max(round(-low / scale), 0), 255)
    return ((torch.round(a / scale) + zero).clamp(0, 255) - zero) * scale


def uint8_per_token(a):
    """Activations rounded with one scale and zero point per token (row)."""
    low, high = a.amin(dim=-1, keepdim=True).clamp_max(0), a.amax(dim=-1, keepdim=True).clamp_min(0)
    scale = ((high - low) / 255).clamp_min(1e-30)
    zero = torch.round(-low / scale)
    return ((torch.round(a / scale) + zero).clamp(0, 255) - zero) * scale


def encoder_errors(args, frame):
    model = model_of(args)
    encoder = model.vision_encoder
    # the reference processor's pixel values, as in the tracked runs below
    session = make_processor(args.input_size).init_video_session(video=[frame], inference_device="cpu")
    pixels = session.processed_frames[0][None]
    half = copy.deepcopy(encoder).to(torch.bfloat16)  # before the linear layers' forward is replaced below
    linears = [m for m in encoder.modules() if isinstance(m, torch.nn.Linear)]
    weights = {m: m.weight.detach().clone() for m in linears}
    rounding = {"activations": None}
    for m in linears:
        def forward(x, m=m):
            if rounding["activations"] is not None:
                x = rounding["activations"](x)
            return F.linear(x, m.weight, m.bias)
        m.forward = forward

    def outputs(module=encoder, dtype=torch.float32):
        with torch.inference_mode():
            return [t.float() for t in module(pixels.to(dtype)).fpn_hidden_states]

    exact = outputs()
    ways = {"int8 weights only": (True, None), "int8 activations only (per call)": (False, uint8_per_call),
            "int8 weights and activations (the engine's int8)": (True, uint8_per_call),
            "int8 weights, activations per token": (True, uint8_per_token)}
    errors = {}
    print(f"image encoder, {len(linears)} linear layers, {args.input_size} px, relative RMS error against float32:")
    for way, (round_weights, activations) in ways.items():
        for m in linears:
            m.weight.data = int8_columns(weights[m]) if round_weights else weights[m].clone()
        rounding["activations"] = activations
        errors[way] = relative_errors(exact, outputs())
        show(way, errors[way])
    errors["bfloat16 encoder"] = relative_errors(exact, outputs(half, torch.bfloat16))
    show("bfloat16 encoder", errors["bfloat16 encoder"])
    return errors


def relative_errors(exact, other):
    return {name: float((a - b).norm() / a.norm()) for name, a, b in zip(OUTPUTS, exact, other)}


def show(way, errors):
    print(f"  {way:50s} " + "  ".join(f"{name} {value:.2%}" for name, value in errors.items()), flush=True)


# ---- 2. the masks' agreement under a given encoder error ----

def mask_agreement(args, frames):
    print(f"masks against float32, {len(frames) - 1} frames after the prompted one, {args.objects} objects:")
    exact = track(args, frames, None)
    area = float(np.mean([m.mean() for frame in exact[1:] for m in frame]))
    print(f"  (float32 masks cover {area:.1%} of the frame on average)")
    results = {}
    for variant in [f"noise {e:g}%" for e in args.errors] + ["bfloat16 encoder"]:
        other = track(args, frames, variant)
        lowest = [min(iou(a, b) for a, b in zip(x, y)) for x, y in zip(exact[1:], other[1:])]
        results[variant] = {"lowest_iou": min(lowest), "mean_lowest_iou": float(np.mean(lowest)),
                            "frames_below_0.99": sum(v < 0.99 for v in lowest)}
        print(f"  {variant:18s} lowest IoU per frame: min {min(lowest):.4f}, mean {np.mean(lowest):.4f}; "
              f"{results[variant]['frames_below_0.99']} of {len(lowest)} frames below 0.99", flush=True)
    return results


def track(args, frames, variant):
    """Masks [objects][H, W] per frame, tracked forward from grid clicks on frame 0; the encoder's outputs
    perturbed as the variant says (None: float32 as it is)."""
    model = model_of(args)
    height, width = frames[0].shape[:2]
    encoder = model.vision_encoder
    forward = encoder.forward
    if variant == "bfloat16 encoder":
        half = copy.deepcopy(encoder).to(torch.bfloat16)

        def in_bfloat16(pixel_values, *a, **k):
            out = half(pixel_values.to(torch.bfloat16), *a, **k)
            for field in ("fpn_hidden_states", "fpn_position_encoding"):
                setattr(out, field, tuple(t.float() for t in getattr(out, field)))
            out.last_hidden_state = out.last_hidden_state.float()
            return out
        encoder.forward = in_bfloat16
    elif variant is not None:
        error = float(variant.split()[1].rstrip("%")) / 100
        generator = torch.Generator().manual_seed(7)

        def noisy(*a, **k):
            out = forward(*a, **k)
            out.fpn_hidden_states = tuple(
                t + torch.randn(t.shape, generator=generator) * t.pow(2).mean().sqrt() * error
                for t in out.fpn_hidden_states)
            return out
        encoder.forward = noisy
    processor = make_processor(model.config.image_size)
    session = processor.init_video_session(video=frames, inference_device="cpu", dtype=torch.float32)
    masks = []
    with torch.inference_mode():
        for i, (x, y) in enumerate(grid_clicks(width, height, args.objects)):
            processor.add_inputs_to_inference_session(session, frame_idx=0, obj_ids=i + 1,
                                                      input_points=[[[[x, y]]]], input_labels=[[[1]]])
            model(inference_session=session, frame_idx=0)
        for out in model.propagate_in_video_iterator(session, start_frame_idx=0):
            logits = F.interpolate(out.pred_masks.float(), size=(height, width), mode="bilinear",
                                   align_corners=False)
            masks.append(list((logits[:, 0] > 0).numpy()))
    return masks


def iou(a, b):
    union = (a | b).sum()
    return 1.0 if union == 0 else float((a & b).sum() / union)


if __name__ == "__main__":
    sys.exit(main())
