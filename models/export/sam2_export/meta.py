"""Meta's names for the tensors of SAM 2.1 (the state dict of sam2.1_hiera_*.pt), beside transformers' names.

transformers' convert_sam2_video_to_hf.py renames Meta's keys into its own; the maps need the other way: for each
tensor a graph reads (by its transformers name), the Meta tensor that holds it. Two tensors are not one-to-one:
transformers' prompt_encoder.point_embed.weight stacks Meta's four point_embeddings.N.weight along the first axis,
and its two positional-embedding names both come from Meta's pe_layer.positional_encoding_gaussian_matrix.

to_meta() is the inverse; to_transformers() states the forward renaming as this project reads the converter, and
check() proves that each is the other's inverse on every key of a model.
"""

from __future__ import annotations

import re

POINT_EMBED = "prompt_encoder.point_embed.weight"
POINT_EMBEDDINGS = 4
META_POSITIONAL = "sam_prompt_encoder.pe_layer.positional_encoding_gaussian_matrix"
POSITIONAL_NAMES = ("prompt_encoder.shared_embedding.positional_embedding",
                    "shared_image_embedding.positional_embedding")

# Meta's name on the left, transformers' on the right; whole dotted parts only, applied in this order.
_RENAMES = [
    ("sam_prompt_encoder.", "prompt_encoder."),
    ("sam_mask_decoder.", "mask_decoder."),
    ("image_encoder.trunk.", "vision_encoder.backbone."),
    ("image_encoder.neck.", "vision_encoder.neck."),
    ("output_upscaling.0.", "upscale_conv1."),
    ("output_upscaling.1.", "upscale_layer_norm."),
    ("output_upscaling.3.", "upscale_conv2."),
    ("mask_downscaling.0.", "mask_embed.conv1."),
    ("mask_downscaling.1.", "mask_embed.layer_norm1."),
    ("mask_downscaling.3.", "mask_embed.conv2."),
    ("mask_downscaling.4.", "mask_embed.layer_norm2."),
    ("mask_downscaling.6.", "mask_embed.conv3."),
    ("point_embeddings.", "point_embed."),
    ("pe_layer.positional_encoding_gaussian_matrix", "shared_embedding.positional_embedding"),
    ("fuser.", "memory_fuser."),
    ("dwconv.", "depthwise_conv."),
    ("pwconv1.", "pointwise_conv1."),
    ("pwconv2.", "pointwise_conv2."),
    ("obj_ptr_tpos_proj.", "temporal_positional_encoding_projection_layer."),
    ("obj_ptr_proj.", "object_pointer_proj."),
    ("no_obj_ptr", "no_object_pointer"),
    ("no_obj_embed_spatial", "occlusion_spatial_embedding_parameter"),
    ("maskmem_tpos_enc", "memory_temporal_positional_encoding"),
    ("no_mem_embed", "no_memory_embedding"),
    ("no_mem_pos_enc", "no_memory_positional_encoding"),
    ("pix_feat_proj.", "feature_projection."),
    ("patch_embed.proj.", "patch_embed.projection."),
    ("memory_encoder.out_proj.", "memory_encoder.projection."),
    ("out_proj.", "o_proj."),
]
# Heads of three linear layers (proj_in, layers.0, proj_out in transformers) and of two (proj_in, proj_out).
_THREE = r"(iou_prediction_head|pred_obj_score_head|output_hypernetworks_mlps\.\d+|object_pointer_proj)"
_TWO = r"(transformer\.layers\.\d+\.mlp|blocks\.\d+\.mlp)"


def to_transformers(meta: str) -> str:
    key = meta
    for old, new in _RENAMES:
        key = _replace_part(key, old, new)
    key = re.sub(r"\.gamma$", ".scale", key)
    key = re.sub(r"(neck\.convs\.\d+)\.conv\.", r"\1.", key)
    key = re.sub(r"mask_downsampler\.encoder\.(\d+)\.", lambda m: _downsampler_layer(int(m.group(1))), key)
    key = re.sub(r"(\.norm)(\d*|_final_attn)?\.", lambda m: ".layer_norm" + (m.group(2) or "") + ".", key)
    key = re.sub(_THREE + r"\.layers\.([012])\.", lambda m: m.group(1) + "." + ("proj_in", "layers.0",
                                                                                "proj_out")[int(m.group(2))] + ".", key)
    key = re.sub(_TWO + r"\.layers\.([01])\.", lambda m: m.group(1) + "." + ("proj_in", "proj_out")[int(m.group(2))]
                 + ".", key)
    return key


def to_meta(hf: str) -> str:
    key = hf
    key = re.sub(_TWO + r"\.(proj_in|proj_out)\.", lambda m: m.group(1) + ".layers." +
                 ("0" if m.group(2) == "proj_in" else "1") + ".", key)
    key = re.sub(_THREE + r"\.(proj_in|layers\.0|proj_out)\.", lambda m: m.group(1) + ".layers." +
                 {"proj_in": "0", "layers.0": "1", "proj_out": "2"}[m.group(2)] + ".", key)
    key = re.sub(r"mask_downsampler\.(layers\.(\d+)\.(conv|layer_norm)|final_conv)\.", _downsampler_index, key)
    for old, new in reversed(_RENAMES):
        key = _replace_part(key, new, old)
    key = re.sub(r"\.layer_norm(\d*|_final_attn)?\.", lambda m: ".norm" + (m.group(1) or "") + ".", key)
    key = re.sub(r"(neck\.convs\.\d+)\.(weight|bias)$", r"\1.conv.\2", key)
    key = re.sub(r"\.scale$", ".gamma", key)
    return key


def meta_sources(hf: str) -> list[str]:
    """The Meta tensors a transformers tensor is made of: one, or the four stacked point embeddings."""
    if hf == POINT_EMBED:
        return [f"sam_prompt_encoder.point_embeddings.{i}.weight" for i in range(POINT_EMBEDDINGS)]
    if hf in POSITIONAL_NAMES:
        return [META_POSITIONAL]
    return [to_meta(hf)]


def check(hf_keys) -> None:
    """Every key maps to Meta's name and back to itself; a key that does not is a rule to mend."""
    wrong = [k for k in hf_keys if k != POINT_EMBED and k not in POSITIONAL_NAMES and to_transformers(to_meta(k)) != k]
    if wrong:
        raise ValueError("keys that do not map back: " + ", ".join(f"{k} -> {to_meta(k)} -> "
                                                                   f"{to_transformers(to_meta(k))}" for k in wrong))


def meta_state_dict(state: dict) -> dict:
    """A transformers state dict in Meta's names and layout, as sam2.1_hiera_*.pt holds it."""
    out = {}
    for key, value in state.items():
        if key == POINT_EMBED:
            for i, name in enumerate(meta_sources(key)):
                out[name] = value[i:i + 1].clone()
        elif key in POSITIONAL_NAMES:
            out[META_POSITIONAL] = value.clone()
        else:
            out[to_meta(key)] = value.clone()
    return out


def _replace_part(key: str, old: str, new: str) -> str:
    """Replaces old where it starts a dotted part of the key."""
    return re.sub(r"(^|(?<=\.))" + re.escape(old), new, key)


def _downsampler_layer(index: int) -> str:
    if index == 12:
        return "mask_downsampler.final_conv."
    return f"mask_downsampler.layers.{index // 3}." + ("conv." if index % 3 == 0 else "layer_norm.")


def _downsampler_index(m) -> str:
    if m.group(1) == "final_conv":
        return "mask_downsampler.encoder.12."
    return f"mask_downsampler.encoder.{3 * int(m.group(2)) + (0 if m.group(3) == 'conv' else 1)}."
