"""Runs a scenario through transformers' own SAM 2 video inference and records what comes out.

A scenario is a list of steps on one clip:
  {"op": "prompt", "frame": f, "object": id, "points": [[x, y], ...], "labels": [1, 0, ...], "box": [x0, y0, x1, y1]}
  {"op": "mask", "frame": f, "object": id, "mask": "<name of a mask in the scenario>"}
  {"op": "propagate", "start": f, "reverse": false}        ("max_frames" optional)
A prompt or mask step adds the inputs and runs the model on that frame, as in transformers' documented
interactive use (add_inputs_to_inference_session, then model(inference_session, frame_idx)); a prompt with
"run": false only adds them, and the next propagation uses them when it reaches the frame. Coordinates
are pixels of the original frame.

Recorded per step, in processing order, for every frame the model returned and every object:
the low-resolution mask logits, the binary mask at the frame's size, the object score logit, and the
index of the decoder output token the mask came from (0 single-mask token, 1-3 multimask tokens,
-1 when no decoder mask was made: a cached conditioning output or a mask prompt).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .graphs import single_mask_is_stable


@dataclass
class FrameOutput:
    frame: int
    object_ids: list[int]
    low_res_logits: np.ndarray   # [objects, low, low] float32
    masks: np.ndarray            # [objects, H, W] bool
    scores: np.ndarray           # [objects] float32
    mask_index: np.ndarray       # [objects] int8


def make_processor(image_size: int):
    from transformers import Sam2VideoProcessor
    from transformers.models.sam2.image_processing_sam2 import Sam2ImageProcessor
    from transformers.models.sam2_video.video_processing_sam2_video import Sam2VideoVideoProcessor

    image = Sam2ImageProcessor(size={"height": image_size, "width": image_size},
                                   mask_size={"height": image_size // 4, "width": image_size // 4})
    video = Sam2VideoVideoProcessor(size={"height": image_size, "width": image_size})
    return Sam2VideoProcessor(image_processor=image, video_processor=video, target_size=image_size)


class _DecoderSpy:
    """Learns which decoder output token each mask came from, by watching Sam2VideoModel's calls."""

    def __init__(self, model):
        self.model = model
        self.current = None      # (obj_idx, frame_idx, from_mask_prompt)
        self.index = {}          # (obj_idx, frame_idx) -> token index of the latest decode
        self._patch()

    def _patch(self):
        model, spy = self.model, self
        run_single = model._run_single_frame_inference
        decoder_forward = model.mask_decoder.forward
        dynamic = model.mask_decoder._dynamic_multimask_via_stability

        def run_single_frame_inference(*args, **kwargs):
            spy.current = (kwargs["obj_idx"], kwargs["frame_idx"], kwargs.get("mask_inputs") is not None)
            try:
                return run_single(*args, **kwargs)
            finally:
                spy.current = None

        def dynamic_multimask(all_mask_logits, all_iou_scores):
            singles = all_mask_logits[:, :, 0].flatten(-2)
            stable = bool(single_mask_is_stable(model.mask_decoder, singles).flatten()[0])
            best = int(torch.argmax(all_iou_scores[:, :, 1:], dim=-1).flatten()[0]) + 1
            spy._record(0 if stable else best)
            return dynamic(all_mask_logits, all_iou_scores)

        def decoder(*args, **kwargs):
            out = decoder_forward(*args, **kwargs)
            if kwargs.get("multimask_output"):
                spy._record(int(torch.argmax(out[1], dim=-1).flatten()[0]) + 1)
            return out

        model._run_single_frame_inference = run_single_frame_inference
        model.mask_decoder._dynamic_multimask_via_stability = dynamic_multimask
        model.mask_decoder.forward = decoder

    def _record(self, token):
        if self.current is not None:
            obj_idx, frame_idx, from_mask = self.current
            self.index[(obj_idx, frame_idx)] = -1 if from_mask else token

    def take(self, obj_idx, frame_idx):
        return self.index.pop((obj_idx, frame_idx), -1)


def run_scenario(model, frames_rgb: np.ndarray, steps: list[dict], masks: dict[str, np.ndarray]):
    """frames_rgb: [T, H, W, 3] uint8. Returns, per step, the list of FrameOutput in processing order."""
    processor = make_processor(model.config.image_size)
    session = processor.init_video_session(video=list(frames_rgb), inference_device="cpu")
    spy = _DecoderSpy(model)
    height, width = frames_rgb.shape[1:3]
    results = []

    def collect(output):
        ids = list(output.object_ids)
        low = output.pred_masks[:, 0].float().numpy().copy()
        binary = processor.post_process_masks([output.pred_masks], original_sizes=[[height, width]],
                                              binarize=True)[0][:, 0].numpy()
        scores = output.object_score_logits.float().reshape(-1).numpy().copy()
        index = np.array([spy.take(session.obj_id_to_idx(i), output.frame_idx) for i in ids], np.int8)
        return FrameOutput(output.frame_idx, ids, low, binary, scores, index)

    with torch.inference_mode():
        for step in steps:
            op = step["op"]
            if op == "prompt":
                kwargs = {}
                if step.get("points"):
                    kwargs["input_points"] = [[[list(map(float, p)) for p in step["points"]]]]
                    kwargs["input_labels"] = [[list(map(int, step["labels"]))]]
                if step.get("box"):
                    kwargs["input_boxes"] = [[list(map(float, step["box"]))]]
                processor.add_inputs_to_inference_session(session, frame_idx=step["frame"],
                                                          obj_ids=step["object"], **kwargs)
                if step.get("run", True):
                    results.append([collect(model(inference_session=session, frame_idx=step["frame"]))])
                else:
                    results.append([])
            elif op == "mask":
                processor.add_inputs_to_inference_session(session, frame_idx=step["frame"], obj_ids=step["object"],
                                                          input_masks=masks[step["mask"]])
                results.append([collect(model(inference_session=session, frame_idx=step["frame"]))])
            elif op == "propagate":
                outputs = model.propagate_in_video_iterator(session, start_frame_idx=step.get("start"),
                                                            max_frame_num_to_track=step.get("max_frames"),
                                                            reverse=step.get("reverse", False))
                results.append([collect(o) for o in outputs])
            else:
                raise ValueError(f"unknown step {op}")
    return results
