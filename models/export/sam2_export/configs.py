"""Architectures the exporter knows: the four SAM 2.1 sizes and the tiny fixture configuration."""

from __future__ import annotations

import copy

# Hiera backbones of the official SAM 2.1 checkpoints (sam2.1_hiera_*.yaml in facebookresearch/sam2).
_HIERA = {
    "tiny": dict(hidden_size=96, num_attention_heads=1, blocks_per_stage=[1, 2, 7, 2],
                 embed_dim_per_stage=[96, 192, 384, 768], num_attention_heads_per_stage=[1, 2, 4, 8],
                 window_size_per_stage=[8, 4, 14, 7], global_attention_blocks=[5, 7, 9],
                 window_positional_embedding_background_size=[7, 7]),
    "small": dict(hidden_size=96, num_attention_heads=1, blocks_per_stage=[1, 2, 11, 2],
                  embed_dim_per_stage=[96, 192, 384, 768], num_attention_heads_per_stage=[1, 2, 4, 8],
                  window_size_per_stage=[8, 4, 14, 7], global_attention_blocks=[7, 10, 13],
                  window_positional_embedding_background_size=[7, 7]),
    "base-plus": dict(hidden_size=112, num_attention_heads=2, blocks_per_stage=[2, 3, 16, 3],
                      embed_dim_per_stage=[112, 224, 448, 896], num_attention_heads_per_stage=[2, 4, 8, 16],
                      window_size_per_stage=[8, 4, 14, 7], global_attention_blocks=[12, 16, 20],
                      window_positional_embedding_background_size=[14, 14]),
    "large": dict(hidden_size=144, num_attention_heads=2, blocks_per_stage=[2, 6, 36, 4],
                  embed_dim_per_stage=[144, 288, 576, 1152], num_attention_heads_per_stage=[2, 4, 8, 16],
                  window_size_per_stage=[8, 4, 16, 8], global_attention_blocks=[23, 33, 43],
                  window_positional_embedding_background_size=[7, 7]),
}

HUB_IDS = {name: f"facebook/sam2.1-hiera-{name}" for name in _HIERA}


def _full_size(name: str) -> dict:
    hiera = dict(_HIERA[name])
    return dict(
        image_size=1024,
        hiera=hiera,
        fpn_hidden_size=256,
        mask_decoder=dict(hidden_size=256, mlp_dim=2048, num_attention_heads=8, iou_head_hidden_dim=256),
        prompt_encoder=dict(hidden_size=256, mask_input_channels=16),
        memory_attention=dict(num_layers=4, feed_forward_hidden_size=2048),
        memory_encoder=dict(hidden_size=256, fuser_intermediate_dim=1024),
    )


# The fixture architecture: SAM 2.1 wiring throughout (Hiera with windowed and global attention, FPN,
# two-way transformer, RoPE memory attention, memory encoder, object pointers split into memory tokens),
# with small widths and a 256-pixel input so that a bundle is a few megabytes and runs in seconds.
_FIXTURE = dict(
    image_size=256,
    hiera=dict(hidden_size=12, num_attention_heads=1, blocks_per_stage=[1, 1, 2, 1],
               embed_dim_per_stage=[12, 24, 48, 96], num_attention_heads_per_stage=[1, 1, 2, 2],
               window_size_per_stage=[8, 4, 4, 2], global_attention_blocks=[3],
               window_positional_embedding_background_size=[4, 4]),
    fpn_hidden_size=128,
    mask_decoder=dict(hidden_size=128, mlp_dim=128, num_attention_heads=8, iou_head_hidden_dim=64),
    prompt_encoder=dict(hidden_size=128, mask_input_channels=16),
    memory_attention=dict(num_layers=2, feed_forward_hidden_size=128),
    memory_encoder=dict(hidden_size=128, fuser_intermediate_dim=128),
)

ARCHITECTURES = {name: _full_size(name) for name in _HIERA}
ARCHITECTURES["fixture"] = _FIXTURE


def build_config(arch: dict):
    """A transformers Sam2VideoConfig for an architecture dict from ARCHITECTURES."""
    from transformers import Sam2VideoConfig
    from transformers.models.sam2.configuration_sam2 import Sam2HieraDetConfig, Sam2VisionConfig
    from transformers.models.sam2_video.configuration_sam2_video import (
        Sam2VideoMaskDecoderConfig, Sam2VideoPromptEncoderConfig)

    arch = copy.deepcopy(arch)
    size = arch["image_size"]
    hiera = arch["hiera"]
    backbone = Sam2HieraDetConfig(image_size=[size, size], **hiera)
    # Hiera has a patch stride of 4 and halves the resolution at each of its three later stages.
    levels = [size // 4, size // 8, size // 16]
    vision = Sam2VisionConfig(
        backbone_config=backbone,
        backbone_channel_list=list(reversed(hiera["embed_dim_per_stage"])),
        backbone_feature_sizes=[[s, s] for s in levels],
        fpn_hidden_size=arch["fpn_hidden_size"],
    )
    prompt = Sam2VideoPromptEncoderConfig(image_size=size, patch_size=16, **arch["prompt_encoder"])
    decoder = Sam2VideoMaskDecoderConfig(**arch["mask_decoder"])
    mem_att = arch["memory_attention"]
    mem_enc = arch["memory_encoder"]
    return Sam2VideoConfig(
        vision_config=vision,
        prompt_encoder_config=prompt,
        mask_decoder_config=decoder,
        image_size=size,
        memory_attention_hidden_size=arch["fpn_hidden_size"],
        memory_attention_num_layers=mem_att["num_layers"],
        memory_attention_feed_forward_hidden_size=mem_att["feed_forward_hidden_size"],
        memory_attention_rope_feat_sizes=[size // 16, size // 16],
        memory_encoder_hidden_size=mem_enc["hidden_size"],
        mask_downsampler_embed_dim=mem_enc["hidden_size"],
        memory_fuser_embed_dim=mem_enc["hidden_size"],
        memory_fuser_intermediate_dim=mem_enc["fuser_intermediate_dim"],
    )
