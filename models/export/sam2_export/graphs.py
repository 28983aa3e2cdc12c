"""The five graphs of a bundle, as torch modules around a transformers Sam2VideoModel.

Each module reproduces, tensor for tensor, what Sam2VideoModel computes in that stage of video inference,
with objects batched along the first axis. Everything that depends on the history of the video (which
memories to use, which frames are conditioning frames, whether an object is new) stays outside, in the
engine that runs the bundle; models/README.md states that contract.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

NO_OBJECT_SCORE = -1024.0


class ImageEncoder(nn.Module):
    """pixel_values -> the three feature levels; the two fine ones already projected for the decoder."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        out = self.model.vision_encoder(pixel_values, return_dict=True)
        feat0, feat1, embed = out.fpn_hidden_states
        return (self.model.mask_decoder.conv_s0(feat0),
                self.model.mask_decoder.conv_s1(feat1),
                embed)


class MaskDecoder(nn.Module):
    """Prompt encoder and mask decoder for a batch of objects on one frame.

    Chooses the output mask per object the way Sam2VideoModel does: the best of the three multimask
    candidates by predicted IoU when multimask is on, otherwise the single mask unless it is unstable
    (then the best multimask candidate). The object pointer comes from the multimask token that won, or
    from the single-mask token, and is replaced by the no-object pointer where the object is absent.
    """

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image_embed, high_res_feat0, high_res_feat1, point_coords, point_labels,
                mask_input, has_mask_input, no_memory, multimask, object_presence):
        m = self.model
        dec = m.mask_decoder
        batch = image_embed.shape[0]
        image_embed = image_embed + no_memory[:, None, None, None] * m.no_memory_embedding.reshape(1, -1, 1, 1)

        # Prompt encoder, as Sam2VideoPromptEncoder with points only (boxes arrive as labelled corners),
        # which always appends one padding point.
        sparse = m.prompt_encoder._embed_points(point_coords[:, None], point_labels[:, None], pad=True)
        masked = m.prompt_encoder.mask_embed(mask_input)
        no_mask = m.prompt_encoder.no_mask_embed.weight.reshape(1, -1, 1, 1).expand_as(masked)
        dense = torch.where(has_mask_input[:, None, None, None] > 0.5, masked, no_mask)

        masks, iou, tokens, score = self._decode(image_embed, dense, sparse, high_res_feat0, high_res_feat1)

        # Output selection (Sam2VideoMaskDecoder.forward and Sam2VideoModel._single_frame_forward).
        best_multi = torch.argmax(iou[:, 1:], dim=-1) + 1
        stable = single_mask_is_stable(dec, masks[:, 0].flatten(1))
        single_choice = torch.where(stable, torch.zeros_like(best_multi), best_multi)
        use_multi = multimask > 0.5
        mask_index = torch.where(use_multi, best_multi, single_choice)
        token_index = torch.where(use_multi, best_multi, torch.zeros_like(best_multi))

        rows = torch.arange(batch, device=masks.device)
        low_res = masks[rows, mask_index][:, None]
        token = tokens[rows, token_index]

        predicted = (score > 0).to(score.dtype)
        forced = object_presence[:, None]
        present = torch.where(forced < 0, predicted, (forced > 0.5).to(score.dtype))
        score = torch.where(forced < 0, score, 20.0 * present - 10.0)
        low_res = torch.where(predicted[:, :, None, None] > 0, low_res, torch.full_like(low_res, NO_OBJECT_SCORE))

        pointer = m.object_pointer_proj(token)
        for gate in (predicted, present):  # the decoder's own decision, then a forced one
            pointer = gate * pointer + (1 - gate) * m.no_object_pointer
        return low_res, iou, mask_index, score, pointer

    def _decode(self, image_embed, dense, sparse, feat0, feat1):
        """Sam2VideoMaskDecoder.forward up to the masks of all four output tokens."""
        m = self.model
        dec = m.mask_decoder
        batch, channels, height, width = image_embed.shape
        pos = m.get_image_wide_positional_embeddings().expand(batch, -1, -1, -1)
        out_tokens = torch.cat([dec.obj_score_token.weight, dec.iou_token.weight, dec.mask_tokens.weight], dim=0)
        out_tokens = out_tokens[None, None].expand(batch, 1, -1, -1)
        tokens = torch.cat((out_tokens, sparse), dim=2)
        embed = image_embed + dense
        tokens, embed = dec.transformer(point_embeddings=tokens, image_embeddings=embed,
                                        image_positional_embeddings=pos, attention_similarity=None)
        iou_token = tokens[:, :, 1, :]
        mask_tokens = tokens[:, :, 2:2 + dec.num_mask_tokens, :]
        embed = embed.transpose(2, 3).reshape(batch, channels, height, width)
        feat0 = feat0.expand(batch, -1, -1, -1)
        feat1 = feat1.expand(batch, -1, -1, -1)
        up = dec.upscale_conv1(embed) + feat1
        up = dec.activation(dec.upscale_layer_norm(up))
        up = dec.activation(dec.upscale_conv2(up) + feat0)
        hyper = torch.stack([mlp(mask_tokens[:, :, i, :]) for i, mlp in enumerate(dec.output_hypernetworks_mlps)],
                            dim=2)
        _, up_channels, up_h, up_w = up.shape
        masks = (hyper @ up.reshape(batch, 1, up_channels, up_h * up_w)).reshape(batch, -1, up_h, up_w)
        iou = dec.iou_prediction_head(iou_token)[:, 0]
        score = dec.pred_obj_score_head(tokens[:, :, 0, :])[:, 0]
        return masks, iou, mask_tokens[:, 0], score


def single_mask_is_stable(decoder, single_logits):
    """The decoder's test of its single-mask output, per row of flattened logits: the areas above +delta and
    above -delta differ by little (Sam2VideoMaskDecoder._get_stability_scores and the threshold it is held to)."""
    delta = decoder.dynamic_multimask_stability_delta
    area_i = torch.sum(single_logits > delta, dim=-1).float()
    area_u = torch.sum(single_logits > -delta, dim=-1).float()
    stability = torch.where(area_u > 0, area_i / area_u, torch.ones_like(area_u))
    return stability >= decoder.dynamic_multimask_stability_thresh


class MaskPrompt(nn.Module):
    """A binary mask at model resolution -> its low-resolution logits and the decoder's dense mask prompt.

    Sam2VideoModel._use_mask_as_output: logits are mask * 20 - 10, brought to the low resolution with
    antialiased bilinear interpolation (done here as two matrix products with the same weights), and the
    mask_downsample convolution makes the dense prompt from which the decoder draws the object pointer.
    """

    def __init__(self, model):
        super().__init__()
        self.model = model
        size = model.image_size
        low = model.prompt_encoder.mask_input_size[0]
        eye = torch.eye(size)[None, None]
        weights = F.interpolate(eye, size=(low, size), mode="bilinear", align_corners=False, antialias=True)
        self.register_buffer("resample", weights[0, 0].contiguous())  # [low, size]

    def forward(self, mask):
        logits = mask * 20.0 - 10.0
        low_res = self.resample @ logits @ self.resample.transpose(0, 1)
        return low_res, self.model.mask_downsample(mask)


class MemoryEncoder(nn.Module):
    """Image features and high-resolution mask logits -> the memory features of each object."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image_embed, mask_high_res, binarize, object_score_logits):
        m = self.model
        cfg = m.config
        batch = mask_high_res.shape[0]
        pix = image_embed.expand(batch, -1, -1, -1)
        hard = (mask_high_res > 0).to(mask_high_res.dtype)
        soft = torch.sigmoid(mask_high_res)
        mask = torch.where(binarize[:, None, None, None] > 0.5, hard, soft)
        mask = mask * cfg.sigmoid_scale_for_mem_enc + cfg.sigmoid_bias_for_mem_enc
        features, _ = m.memory_encoder(pix, mask)
        absent = 1 - (object_score_logits > 0).to(features.dtype)
        features = features + absent[:, :, None, None] * m.occlusion_spatial_embedding_parameter[..., None, None]
        return features


class MemoryAttention(nn.Module):
    """Conditions the current frame's features on each object's memory frames and object pointers.

    memory_features [B, F, 64, h, w] with memory_tpos [B, F] (the index into the temporal position
    codes: num_maskmem-1 for a conditioning frame, otherwise the frame distance minus one), and
    object_pointers [B, P, C] with pointer_tpos [B, P] (signed frame distance divided by the largest
    distance in use). The spatial position codes of image and memory are constants inside.
    """

    def __init__(self, model):
        super().__init__()
        self.model = model
        height, width = model.backbone_feature_sizes[-1]
        channels = model.hidden_dim
        mem_dim = model.mem_dim
        image_pos = model.vision_encoder.neck.position_encoding((1, channels, height, width), "cpu", torch.float32)
        memory_pos = model.memory_encoder.position_encoding((1, mem_dim, height, width), "cpu", torch.float32)
        # Registered once here so that each constant is stored once in the graph.
        cos, sin = model.memory_attention.rotary_emb()
        self.register_buffer("rope_cos", cos.clone())
        self.register_buffer("rope_sin", sin.clone())
        self.register_buffer("image_pos", image_pos.flatten(2).permute(2, 0, 1).contiguous())
        self.register_buffer("memory_pos", memory_pos.flatten(2).permute(2, 0, 1).contiguous())

    def forward(self, image_embed, memory_features, memory_tpos, object_pointers, pointer_tpos):
        m = self.model
        batch, frames, mem_dim, height, width = memory_features.shape
        channels = image_embed.shape[1]
        splits = channels // mem_dim
        current = image_embed.flatten(2).permute(2, 0, 1).expand(-1, batch, -1)  # [hw, B, C]
        current_pos = self.image_pos.expand(-1, batch, -1)

        # Memory frames, flattened frame by frame to [F*hw, B, 64], each with its temporal code.
        memory = memory_features.permute(1, 3, 4, 0, 2).reshape(-1, batch, mem_dim)
        tpos = m.memory_temporal_positional_encoding[memory_tpos][:, :, 0, 0]  # [B, F, 64]
        memory_pos = self.memory_pos[None] + tpos.permute(1, 0, 2)[:, None]  # [F, hw, B, 64]
        memory_pos = memory_pos.reshape(-1, batch, mem_dim)

        # Object pointers, each split into `splits` tokens of the memory width.
        sine = _sine_1d(pointer_tpos.permute(1, 0), channels)  # [P, B, C]
        pointer_pos = m.temporal_positional_encoding_projection_layer(sine)
        pointers = object_pointers.permute(1, 0, 2).reshape(-1, batch, splits, mem_dim)
        pointers = pointers.permute(0, 2, 1, 3).flatten(0, 1)
        pointer_pos = pointer_pos.repeat_interleave(splits, dim=0)

        memory = torch.cat([memory, pointers], dim=0)
        memory_pos = torch.cat([memory_pos, pointer_pos], dim=0)
        out = _memory_attention(m.memory_attention, current, current_pos, memory, memory_pos,
                                self.rope_cos, self.rope_sin, pointers.shape[0])
        return out.permute(1, 2, 0).reshape(batch, channels, height, width)


def _sine_1d(positions, dim, temperature=10000):
    """get_1d_sine_pe of transformers' Sam2Video."""
    half = dim // 2
    dim_t = torch.arange(half, dtype=torch.float32)
    dim_t = temperature ** (2 * torch.div(dim_t, 2, rounding_mode="floor") / half)
    embed = positions[..., None] / dim_t
    return torch.cat([embed.sin(), embed.cos()], dim=-1)


def _memory_attention(module, current, current_pos, memory, memory_pos, cos, sin, pointer_tokens):
    """Sam2VideoMemoryAttention.forward with the pointer-token count taken from a tensor shape,
    so that the graph keeps the number of memory frames and pointers dynamic."""
    output = current + 0.1 * current_pos
    output = output.transpose(0, 1)[:, None]  # [B, 1, hw, C]
    memory = memory.transpose(0, 1)[:, None]
    memory_pos = memory_pos.transpose(0, 1)[:, None]
    for layer in module.layers:
        query = layer.layer_norm1(output)
        query = _rope_attention(layer.self_attn, query, query, query, cos, sin, 0)
        output = output + query
        query = layer.layer_norm2(output)
        query = _rope_attention(layer.cross_attn_image, query, memory + memory_pos, memory, cos, sin, pointer_tokens)
        output = output + query
        query = layer.layer_norm3(output)
        query = layer.linear2(layer.activation(layer.linear1(query)))
        output = output + query
    output = module.layer_norm(output)
    return output[:, 0].transpose(0, 1)


def _rotate_pairwise(x):
    x = x.unflatten(-1, (-1, 2))
    x1, x2 = x.unbind(dim=-1)
    return torch.stack((-x2, x1), dim=-1).flatten(start_dim=-2)


def _rope_attention(attn, query, key, value, cos, sin, excluded_keys):
    """Sam2VideoRoPEAttention.forward with eager attention; keys repeat the rotary codes once per
    memory frame, and the last `excluded_keys` keys (object pointers) get none."""
    batch = query.shape[0]
    heads, head_dim = attn.num_attention_heads, attn.head_dim
    q = attn.q_proj(query).reshape(batch, -1, heads, head_dim).transpose(1, 2)
    k = attn.k_proj(key).reshape(batch, -1, heads, head_dim).transpose(1, 2)
    v = attn.v_proj(value).reshape(batch, -1, heads, head_dim).transpose(1, 2)
    q = q * cos + _rotate_pairwise(q) * sin
    rotated = k.shape[2] - excluded_keys
    k_rot, k_pass = k[:, :, :rotated], k[:, :, rotated:]
    repeats = rotated // q.shape[2]
    cos_k = cos.repeat(repeats, 1) if not isinstance(repeats, int) or repeats != 1 else cos
    sin_k = sin.repeat(repeats, 1) if not isinstance(repeats, int) or repeats != 1 else sin
    k_rot = k_rot * cos_k + _rotate_pairwise(k_rot) * sin_k
    k = torch.cat([k_rot, k_pass], dim=2)
    weights = torch.softmax(torch.matmul(q, k.transpose(2, 3)) * attn.scaling, dim=-1)
    out = torch.matmul(weights, v).transpose(1, 2)
    out = out.reshape(batch, 1, -1, heads * head_dim)
    return attn.o_proj(out)


GRAPHS = {
    "image_encoder": ImageEncoder,
    "mask_decoder": MaskDecoder,
    "mask_prompt": MaskPrompt,
    "memory_encoder": MemoryEncoder,
    "memory_attention": MemoryAttention,
}

