"""Synthetic fluorescence time-lapses with known ground truth: cells that move, touch, divide, leave and return.

Deterministic for a given seed (numpy only). Each clip comes with a label image per frame (cell id, 0 for
background) and a lineage: which cell each daughter came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Cell:
    cell_id: int
    start: int                 # first frame
    xy: np.ndarray             # [frames, 2] centre per frame (may leave the image)
    radii: tuple[float, float]
    angle: float
    brightness: float
    parent: int = 0
    end: int = -1              # last frame (inclusive); -1 = to the end


@dataclass
class Clip:
    frames16: np.ndarray       # [T, H, W] uint16
    frames8: np.ndarray        # [T, H, W] uint8, frames16 stretched linearly between the clip's 0.1 and 99.9 percentiles
    labels: np.ndarray         # [T, H, W] uint16 ground truth
    cells: list[Cell] = field(default_factory=list)
    stretch: tuple[float, float] = (0.0, 0.0)


def _render(shape, cells: list[Cell], t: int, rng: np.random.Generator):
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    signal = np.zeros(shape)
    labels = np.zeros(shape, np.uint16)
    depth = np.full(shape, np.inf)
    for cell in cells:
        if t < cell.start or (cell.end >= 0 and t > cell.end):
            continue
        cx, cy = cell.xy[t]
        ca, sa = np.cos(cell.angle), np.sin(cell.angle)
        u = ((xx - cx) * ca + (yy - cy) * sa) / cell.radii[0]
        v = (-(xx - cx) * sa + (yy - cy) * ca) / cell.radii[1]
        r = np.sqrt(u * u + v * v)
        # A soft edge like a blurred membrane, and a brighter nucleus-like centre.
        profile = 1.0 / (1.0 + np.exp((r - 1.0) * 12.0)) * (0.75 + 0.25 * np.exp(-2.5 * r * r))
        signal = np.maximum(signal, cell.brightness * profile)
        inside = (r < 1.0) & (r < depth)
        labels[inside] = cell.cell_id
        depth = np.where(inside, r, depth)
    background = 400.0 + 60.0 * np.sin(xx / w * 3.1 + 0.5) * np.cos(yy / h * 2.3)
    image = background + signal
    image = rng.poisson(np.maximum(image, 0) / 4.0) * 4.0 + rng.normal(0, 25.0, shape)
    return np.clip(image, 0, 65535), labels


def _film(size, population: list[Cell], frames: int, rng: np.random.Generator) -> Clip:
    """Every frame of the population rendered, with its labels, and the 8-bit version of the clip."""
    h, w = size
    frames16 = np.zeros((frames, h, w), np.uint16)
    labels = np.zeros((frames, h, w), np.uint16)
    for t in range(frames):
        image, label = _render(size, population, t, rng)
        frames16[t] = np.round(image).astype(np.uint16)
        labels[t] = label
    low, high = np.percentile(frames16, [0.1, 99.9])
    frames8 = np.clip(np.round((frames16.astype(np.float64) - low) / (high - low) * 255.0), 0, 255).astype(np.uint8)
    return Clip(frames16, frames8, labels, population, (float(low), float(high)))


def make_clip(seed: int, frames: int = 24, size: tuple[int, int] = (256, 256), cells: int = 4,
              divide_at: int | None = 10, leave: bool = True) -> Clip:
    """A clip of `cells` cells drifting with a little jitter; cell 1 divides at `divide_at`; with `leave`,
    the last cell crosses the right border and comes back."""
    rng = np.random.default_rng(seed)
    h, w = size
    population: list[Cell] = []
    next_id = 1
    for i in range(cells):
        start = np.array([w * (0.2 + 0.6 * rng.random()), h * (0.2 + 0.6 * rng.random())])
        velocity = rng.normal(0, 1.2, 2)
        steps = np.cumsum(np.vstack([np.zeros(2), np.tile(velocity, (frames - 1, 1))
                                     + rng.normal(0, 0.5, (frames - 1, 2))]), axis=0)
        xy = start + steps
        radii = (min(h, w) * (0.06 + 0.03 * rng.random()), min(h, w) * (0.045 + 0.02 * rng.random()))
        population.append(Cell(next_id, 0, xy, radii, rng.uniform(0, np.pi), 1800.0 + 1200.0 * rng.random()))
        next_id += 1
    if leave and cells >= 2:
        # The last cell swims out through the right border and back in.
        t = np.arange(frames)
        out = population[-1]
        out.xy = np.stack([w * 0.75 + w * 0.45 * np.sin(np.pi * t / max(frames - 1, 1)),
                           np.full(frames, h * 0.5)], axis=1)
    if cells >= 2:
        # Cell 2 comes to touch cell 1 halfway through.
        a, b = population[0], population[1]
        mid = frames // 2
        for t in range(frames):
            pull = min(1.0, t / max(mid, 1))
            target = a.xy[t] + np.array([a.radii[0] + b.radii[0], 0.0]) * 0.95
            b.xy[t] = (1 - pull) * b.xy[t] + pull * target
    if divide_at is not None and 0 < divide_at < frames:
        mother = population[0]
        mother.end = divide_at - 1
        axis = np.array([np.cos(mother.angle), np.sin(mother.angle)])
        for sign in (-1, 1):
            xy = mother.xy.copy()
            for t in range(divide_at, frames):
                xy[t] = mother.xy[t] + sign * axis * mother.radii[0] * min(1.0, 0.6 + 0.1 * (t - divide_at))
            radii = (mother.radii[0] * 0.72, mother.radii[1] * 0.85)
            population.append(Cell(next_id, divide_at, xy, radii, mother.angle, mother.brightness, mother.cell_id))
            next_id += 1
    return _film(size, population, frames, rng)


def make_lineage_clip(seed: int, frames: int = 36, size: tuple[int, int] = (256, 256), grid: tuple[int, int] = (5, 4),
                      divisions: int = 12, separation_frames: int = 3) -> Clip:
    """A dense field for lineage tracking: grid[0] x grid[1] cells on a jittered grid, drifting slowly, far enough
    apart never to touch; `divisions` of them divide, each at its own frame, into two daughters (new ids, the
    mother's id as parent) that move apart along the mother's long axis over `separation_frames` frames, until about
    a cell length lies between them. Every
    division leaves at least 6 frames after it."""
    rng = np.random.default_rng(seed)
    h, w = size
    cols, rows = grid
    population: list[Cell] = []
    next_id = 1
    for j in range(rows):
        for i in range(cols):
            start = np.array([w * (i + 0.5) / cols, h * (j + 0.5) / rows]) + rng.normal(0, 2.0, 2)
            drift = rng.normal(0, 0.25, 2)
            xy = start + np.cumsum(np.vstack([np.zeros(2), np.tile(drift, (frames - 1, 1))
                                              + rng.normal(0, 0.3, (frames - 1, 2))]), axis=0)
            r = min(h / rows, w / cols)
            radii = (r * (0.15 + 0.02 * rng.random()), r * (0.12 + 0.02 * rng.random()))
            population.append(Cell(next_id, 0, xy, radii, rng.uniform(0, np.pi), 1800.0 + 1200.0 * rng.random()))
            next_id += 1
    mothers = rng.choice(len(population), size=min(divisions, len(population)), replace=False)
    times = np.linspace(5, frames - 7, len(mothers)).round().astype(int)
    for index, divide_at in zip(mothers, rng.permutation(times)):
        mother = population[index]
        mother.end = int(divide_at) - 1
        axis = np.array([np.cos(mother.angle), np.sin(mother.angle)])
        for sign in (-1, 1):
            xy = mother.xy.copy()
            for t in range(int(divide_at), frames):
                # Sisters move apart until a gap of about one cell length separates them.
                apart = min(1.8, 0.55 + 1.25 * (t - divide_at) / max(separation_frames, 1))
                xy[t] = mother.xy[t] + sign * axis * mother.radii[0] * apart
            radii = (mother.radii[0] * 0.7, mother.radii[1] * 0.85)
            population.append(Cell(next_id, int(divide_at), xy, radii, mother.angle, mother.brightness, mother.cell_id))
            next_id += 1
    return _film(size, population, frames, rng)
