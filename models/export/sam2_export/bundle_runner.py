"""A plain reading of the bundle contract: SAM 2.1 video inference from a bundle's graphs with ONNX Runtime.

It replays the scenarios of reference.py step by step and must reproduce transformers' outputs; the
fixture generator runs it on every scenario before writing anything. The Java engine implements the same
bookkeeping; where the two disagree, this file and models/README.md say what the bundle means.
"""

from __future__ import annotations

import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from .reference import FrameOutput


def round_to_bfloat16(x: np.ndarray) -> np.ndarray:
    """Round float32 to the nearest bfloat16 (ties to even), kept in float32: the reference stores memories so."""
    bits = x.astype(np.float32).view(np.uint32)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return rounded.astype(np.uint32).view(np.float32)


class Bundle:
    def __init__(self, folder: str):
        import onnxruntime as ort

        with open(os.path.join(folder, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.config = self.manifest["config"]
        self.sessions = {name: ort.InferenceSession(os.path.join(folder, g["file"]),
                                                    providers=["CPUExecutionProvider"])
                         for name, g in self.manifest["graphs"].items()}

    def run(self, graph: str, **inputs):
        session = self.sessions[graph]
        names = [o.name for o in session.get_outputs()]
        return dict(zip(names, session.run(names, inputs)))


class _Object:
    def __init__(self):
        self.cond = {}          # frame -> output dict, in insertion order
        self.non_cond = {}
        self.tracked = set()
        self.points = {}        # frame -> (coords [N,2] model pixels, labels [N])
        self.masks = {}         # frame -> binary mask [S, S] at model resolution


class BundleRunner:
    def __init__(self, bundle: Bundle, frames_rgb: np.ndarray):
        self.b = bundle
        self.c = bundle.config
        self.frames = frames_rgb
        self.num_frames = len(frames_rgb)
        self.height, self.width = frames_rgb.shape[1:3]
        self.objects: dict[int, _Object] = {}
        self.new_inputs: list[int] = []
        self._features = {}

    # ---- frames

    def preprocess(self, frame: np.ndarray) -> np.ndarray:
        """Resize the 8-bit frame as 8-bit (torchvision's antialiased bilinear, rounding to 8 bits as the
        reference's video processor does), then scale to 0..1 and normalise."""
        import torchvision.transforms.v2.functional as TF

        size = self.c["image_size"]
        x = torch.from_numpy(np.ascontiguousarray(frame)).permute(2, 0, 1)
        if x.shape[-2:] != (size, size):
            x = TF.resize(x, [size, size], antialias=True)
        x = x[None].float()
        mean = torch.tensor(self.c["image_mean"]).reshape(1, 3, 1, 1)
        std = torch.tensor(self.c["image_std"]).reshape(1, 3, 1, 1)
        return ((x / 255.0 - mean) / std).numpy().astype(np.float32)

    def features(self, t: int) -> dict:
        if t not in self._features:
            self._features = {t: self.b.run("image_encoder", pixel_values=self.preprocess(self.frames[t]))}
        return self._features[t]

    # ---- prompts (coordinates in original pixels)

    def _obj(self, obj_id: int) -> _Object:
        return self.objects.setdefault(obj_id, _Object())

    def add_prompt(self, t, obj_id, points=None, labels=None, box=None, run=True):
        size = self.c["image_size"]
        scale = np.array([size / self.width, size / self.height], np.float32)
        coords, labs = [], []
        if box is not None:
            coords += [box[:2], box[2:]]
            labs += [2, 3]
        for p, lab in zip(points or [], labels or []):
            coords.append(p)
            labs.append(lab)
        coords = np.asarray(coords, np.float32).reshape(-1, 2) * scale
        obj = self._obj(obj_id)
        obj.points[t] = (coords, np.asarray(labs, np.int32))
        obj.masks.pop(t, None)
        self.new_inputs = [obj_id]
        return self.forward(t) if run else None

    def add_mask(self, t, obj_id, mask: np.ndarray):
        size = self.c["image_size"]
        m = torch.from_numpy(mask.astype(np.float32))[None, None]
        if m.shape[-2:] != (size, size):
            m = (F.interpolate(m, size=(size, size), mode="bilinear", align_corners=False, antialias=True) >= 0.5)
        obj = self._obj(obj_id)
        obj.masks[t] = m.float().numpy()[0, 0]
        obj.points.pop(t, None)
        self.new_inputs = [obj_id]
        return self.forward(t)

    # ---- inference

    def forward(self, t: int, reverse: bool = False) -> FrameOutput:
        ids = list(self.objects)
        outputs, to_encode = [], []
        for obj_id in ids:
            obj = self.objects[obj_id]
            new = obj_id in self.new_inputs
            if not new and t in obj.cond:
                out, init, index = obj.cond[t], True, -1
            else:
                init, points, mask = False, None, None
                if new:
                    init = t not in obj.tracked
                    if init:
                        reverse = False
                    points, mask = obj.points.get(t), obj.masks.get(t)
                    if points is not None or mask is not None:
                        self.new_inputs.remove(obj_id)
                out, index = self._single_frame(obj, t, init, points, mask, reverse)
                (obj.cond if init else obj.non_cond)[t] = out
                to_encode.append((obj, out, points is not None or mask is not None))
            if not init:
                obj.tracked.add(t)
            outputs.append((out, index))
        self._encode_memories(t, to_encode)
        low = np.stack([o["low_res"][0, 0] for o, _ in outputs])
        masks = F.interpolate(torch.from_numpy(low)[:, None], size=(self.height, self.width), mode="bilinear",
                              align_corners=False)[:, 0].numpy() > 0
        scores = np.array([o["score"][0, 0] for o, _ in outputs], np.float32)
        return FrameOutput(t, ids, low, masks, scores, np.array([i for _, i in outputs], np.int8))

    def _single_frame(self, obj, t, init, points, mask, reverse):
        feats = self.features(t)
        size, low = self.c["image_size"], self.c["low_res_mask_size"]
        common = dict(high_res_feat0=feats["high_res_feat0"], high_res_feat1=feats["high_res_feat1"])
        if mask is not None:
            prompt = self.b.run("mask_prompt", mask=mask[None, None].astype(np.float32))
            present = float(mask.any())
            dec = self.b.run("mask_decoder", image_embed=feats["image_embed"], **common,
                             point_coords=np.zeros((1, 1, 2), np.float32), point_labels=-np.ones((1, 1), np.int32),
                             mask_input=prompt["mask_input"], has_mask_input=np.ones(1, np.float32),
                             no_memory=np.zeros(1, np.float32), multimask=np.ones(1, np.float32),
                             object_presence=np.array([present], np.float32))
            high = (mask * self.c["mask_prompt_scale"] + self.c["mask_prompt_bias"])[None, None].astype(np.float32)
            return dict(low_res=prompt["low_res_masks"], high_res=high, score=dec["object_score_logits"],
                        pointer=dec["object_pointer"]), -1
        if init:
            embed, no_memory = feats["image_embed"], 1.0
        else:
            embed, no_memory = self._condition(obj, t, feats["image_embed"], reverse), 0.0
        n_points = 0 if points is None else len(points[1])
        c = self.c
        multimask = (c["multimask_output_in_sam"] and (init or c["multimask_output_for_tracking"])
                     and c["multimask_min_pt_num"] <= n_points <= c["multimask_max_pt_num"])
        coords, labels = points if points is not None else (np.zeros((1, 2), np.float32), -np.ones(1, np.int32))
        dec = self.b.run("mask_decoder", image_embed=embed, **common, point_coords=coords[None],
                         point_labels=labels[None], mask_input=np.zeros((1, 1, low, low), np.float32),
                         has_mask_input=np.zeros(1, np.float32), no_memory=np.array([no_memory], np.float32),
                         multimask=np.array([float(multimask)], np.float32),
                         object_presence=-np.ones(1, np.float32))
        high = F.interpolate(torch.from_numpy(dec["low_res_masks"]), size=(size, size), mode="bilinear",
                             align_corners=False).numpy()
        return dict(low_res=dec["low_res_masks"], high_res=high, score=dec["object_score_logits"],
                    pointer=dec["object_pointer"]), int(dec["mask_index"][0])

    def _condition(self, obj, t, image_embed, reverse):
        num_maskmem = self.c["num_maskmem"]
        memories, tpos = [], []
        for out in obj.cond.values():
            memories.append(out["memory"])
            tpos.append(num_maskmem - 1)
        for offset in range(num_maskmem - 1, 0, -1):
            out = obj.non_cond.get(t + offset if reverse else t - offset)
            if out is not None:
                memories.append(out["memory"])
                tpos.append(offset - 1)
        sign = -1 if reverse else 1
        max_pointers = min(self.num_frames, self.c["max_object_pointers"])
        pointers, distances = [], []
        for u, out in obj.cond.items():
            if (u >= t) if reverse else (u <= t):
                pointers.append(out["pointer"][0])
                distances.append((t - u) * sign)
        for offset in range(1, max_pointers):
            u = t + offset if reverse else t - offset
            if u < 0 or u >= self.num_frames:
                break
            out = obj.non_cond.get(u)
            if out is not None:
                pointers.append(out["pointer"][0])
                distances.append(offset)
        hidden = self.c["hidden_dim"]
        out = self.b.run(
            "memory_attention", image_embed=image_embed,
            memory_features=np.stack(memories)[None].astype(np.float32),
            memory_tpos=np.array([tpos], np.int64),
            object_pointers=np.array(pointers, np.float32).reshape(1, -1, hidden),
            pointer_tpos=(np.array([distances], np.float32) / np.float32(max_pointers - 1)).reshape(1, -1))
        return out["conditioned_embed"]

    def _encode_memories(self, t, to_encode):
        if not to_encode:
            return
        binarize = float(any(from_prompt for _, _, from_prompt in to_encode))
        out = self.b.run("memory_encoder", image_embed=self.features(t)["image_embed"],
                         mask_high_res=np.concatenate([o["high_res"] for _, o, _ in to_encode]),
                         binarize=np.full(len(to_encode), binarize, np.float32),
                         object_score_logits=np.concatenate([o["score"] for _, o, _ in to_encode]))
        for i, (_, o, _) in enumerate(to_encode):
            o["memory"] = round_to_bfloat16(out["memory_features"][i])

    def propagate(self, start=None, reverse=False, max_frames=None):
        if start is None:
            start = min(t for o in self.objects.values() for t in o.cond)
        max_frames = self.num_frames if max_frames is None else max_frames
        if reverse:
            end = max(start - max_frames, 0)
            order = range(start, end - 1, -1) if start > 0 else []
        else:
            end = min(start + max_frames, self.num_frames - 1)
            order = range(start, end + 1)
        return [self.forward(t, reverse) for t in order]


def replay(bundle: Bundle, frames_rgb, steps, masks):
    runner = BundleRunner(bundle, frames_rgb)
    results = []
    for step in steps:
        if step["op"] == "prompt":
            out = runner.add_prompt(step["frame"], step["object"], step.get("points"), step.get("labels"),
                                    step.get("box"), step.get("run", True))
            results.append([out] if out is not None else [])
        elif step["op"] == "mask":
            results.append([runner.add_mask(step["frame"], step["object"], masks[step["mask"]])])
        elif step["op"] == "propagate":
            results.append(runner.propagate(step.get("start"), step.get("reverse", False), step.get("max_frames")))
    return results
