"""The reference scenarios and what each must show to be worth recording."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .reference import FrameOutput


@dataclass
class Scenario:
    name: str
    description: str
    clip: str
    steps: list[dict]
    masks: dict[str, np.ndarray] = field(default_factory=dict)


def _centre(clip, cell_id, t):
    cell = next(c for c in clip.cells if c.cell_id == cell_id)
    x, y = cell.xy[t]
    return [round(float(x), 1), round(float(y), 1)]


def _box(clip, cell_id, t, pad=4.0):
    ys, xs = np.nonzero(clip.labels[t] == cell_id)
    return [float(xs.min() - pad), float(ys.min() - pad), float(xs.max() + pad), float(ys.max() + pad)]


def build(cells, bedroom_size) -> list[Scenario]:
    """cells: the synthetic Clip; bedroom_size: (width, height) of the bedroom frames."""
    bw, bh = bedroom_size
    leaving = max(c.cell_id for c in cells.cells if c.parent == 0)
    mask = cells.labels[0] == 2
    return [
        Scenario("01-one-click", "one object, one positive click on frame 0, forward through the clip",
                 "bedroom", [{"op": "prompt", "frame": 0, "object": 1, "points": [[bw * 0.55, bh * 0.6]],
                              "labels": [1]},
                             {"op": "propagate", "start": 0}]),
        Scenario("02-three-objects", "three objects on frame 0: two clicks with a negative one, a box, "
                 "a box plus a click; forward", "cells",
                 [{"op": "prompt", "frame": 0, "object": 1, "points": [_centre(cells, 1, 0), _centre(cells, 2, 0)],
                   "labels": [1, 0]},
                  {"op": "prompt", "frame": 0, "object": 2, "box": _box(cells, 2, 0)},
                  {"op": "prompt", "frame": 0, "object": 3, "box": _box(cells, 3, 0),
                   "points": [_centre(cells, 3, 0)], "labels": [1]},
                  {"op": "propagate", "start": 0, "max_frames": 11}]),
        Scenario("03-correction", "one object tracked forward; then a correction (a positive and a negative "
                 "click) on tracked frame 6, and propagation again from frame 6", "cells",
                 [{"op": "prompt", "frame": 0, "object": 1, "points": [_centre(cells, 3, 0)], "labels": [1]},
                  {"op": "propagate", "start": 0, "max_frames": 11},
                  {"op": "prompt", "frame": 6, "object": 1, "points": [_centre(cells, 3, 6), _centre(cells, 2, 6)],
                   "labels": [1, 0], "run": False},
                  {"op": "propagate", "start": 6, "max_frames": 5}]),
        Scenario("04-middle-both-ways", "two objects prompted on frame 8, propagated forward then backward",
                 "cells",
                 [{"op": "prompt", "frame": 8, "object": 1, "points": [_centre(cells, 2, 8)], "labels": [1]},
                  {"op": "prompt", "frame": 8, "object": 2, "box": _box(cells, 3, 8)},
                  {"op": "propagate", "start": 8, "max_frames": 6},
                  {"op": "propagate", "start": 8, "reverse": True}]),
        Scenario("05-mask-prompt", "a mask prompt (the ground-truth mask of cell 2) on frame 0, forward",
                 "cells",
                 [{"op": "mask", "frame": 0, "object": 1, "mask": "cell2-frame0"},
                  {"op": "propagate", "start": 0, "max_frames": 11}],
                 masks={"cell2-frame0": mask}),
        Scenario("06-leave-and-return", "the cell that swims out through the right border and back: its mask "
                 "on frame 0, an empty mask on frame 12 where it is outside (object score <= 0), then "
                 "propagation through the clip, where it is present again after frame 12", "cells",
                 [{"op": "mask", "frame": 0, "object": 1, "mask": f"cell{leaving}-frame0"},
                  {"op": "mask", "frame": 12, "object": 1, "mask": "empty"},
                  {"op": "propagate", "start": 0}],
                 masks={f"cell{leaving}-frame0": cells.labels[0] == leaving,
                        "empty": np.zeros_like(cells.labels[0], dtype=bool)}),
        Scenario("07-long-clip", "one object through more than num_maskmem + 16 frames, so that memory "
                 "frames and object pointers reach their limits", "cells",
                 [{"op": "prompt", "frame": 0, "object": 1, "points": [_centre(cells, 1, 0)], "labels": [1]},
                  {"op": "prompt", "frame": 0, "object": 2, "points": [_centre(cells, 2, 0)], "labels": [1]},
                  {"op": "propagate", "start": 0}]),
    ]


MIN_SCORE_MARGIN = 0.05     # no present/absent decision closer to 0 than this
MIN_LOGIT_MARGIN_FRACTION = 0.02  # at most this fraction of low-res logits within 1e-3 of 0


def prompt_steps(s: Scenario) -> list[dict]:
    """The steps before the first propagation: enough to learn the object scores on prompt frames."""
    steps = []
    for step in s.steps:
        if step["op"] == "propagate":
            break
        steps.append(step)
    return steps


def check(s: Scenario, results: list[list[FrameOutput]], num_frames: int) -> list[str]:
    """What the scenario claims, as checks; returns the claims that failed (empty when all hold)."""
    failures = []
    events = [fo for step in results for fo in step]
    scores = np.concatenate([fo.scores for fo in events])
    if np.min(np.abs(scores)) < MIN_SCORE_MARGIN:
        failures.append(f"an object score is within {MIN_SCORE_MARGIN} of 0")
    coverage = {}
    for fo in events:
        for i, obj in enumerate(fo.object_ids):
            if fo.scores[i] > 0:
                coverage.setdefault(obj, []).append(float(fo.masks[i].mean()))
            logits = fo.low_res_logits[i]
            if fo.scores[i] > 0 and np.mean(np.abs(logits) < 1e-3) > MIN_LOGIT_MARGIN_FRACTION:
                failures.append(f"frame {fo.frame} object {obj}: too many logits near 0")
    for obj, fractions in coverage.items():
        fair = [0.002 <= f <= 0.9 for f in fractions]
        if sum(fair) < 0.5 * len(fair):
            failures.append(f"object {obj}: masks empty or full on most frames where it is present")
    present = {}
    for fo in events:
        for i, obj in enumerate(fo.object_ids):
            present.setdefault(obj, []).append(bool(fo.scores[i] > 0))
    for obj, seq in present.items():
        if not seq[0] and not s.name.startswith("06"):
            failures.append(f"object {obj} is absent on its prompt frame")
    if s.name.startswith("02") or s.name.startswith("07"):
        last = results[-1]
        apart = [np.abs(fo.low_res_logits[0] - fo.low_res_logits[1]).max() > 0.1 for fo in last]
        if sum(apart) < 0.5 * len(apart):
            failures.append("the objects are indistinguishable")
    if s.name.startswith("02"):
        if not any(fo.mask_index[i] == 0 for fo in events for i in range(len(fo.object_ids))):
            failures.append("no single-mask output was chosen")
        if not any(fo.mask_index[i] > 1 for fo in events for i in range(len(fo.object_ids))):
            failures.append("no multimask output other than the first was chosen")
    if s.name.startswith("03"):
        before = {fo.frame: fo for fo in results[1]}
        after = {fo.frame: fo for fo in results[3]}
        if np.abs(after[6].low_res_logits - before[6].low_res_logits).max() < 1.0:
            failures.append("the correction did not change frame 6")
        if not all(np.abs(after[t].low_res_logits - before[t].low_res_logits).max() > 1e-2 for t in after):
            failures.append("some frame after the correction is unchanged")
    if s.name.startswith("04"):
        frames = [fo.frame for fo in results[3]]
        if frames[-1] != 0:
            failures.append("backward propagation did not reach frame 0")
    if s.name.startswith("05"):
        if results[0][0].scores[0] <= 0:
            failures.append("the mask prompt made an absent object")
        if not any(fo.scores[0] > 0 for fo in results[1][1:]):
            failures.append("the masked object is never tracked as present")
    if s.name.startswith("06"):
        seq = [(fo.frame, bool(fo.scores[0] > 0)) for fo in results[-1]]
        gone = [t for t, p in seq if not p]
        if not gone or not any(p for t, p in seq if t > gone[0]):
            failures.append("the object does not leave and come back")
    if s.name.startswith("07"):
        if num_frames <= 7 + 16:
            failures.append("the clip is not longer than num_maskmem + 16 frames")
        tail = [fo for fo in results[-1] if fo.frame >= 23]
        if not any(fo.scores[0] > 0 for fo in tail):
            failures.append("the object is absent on every frame past the memory limits")
    return failures
