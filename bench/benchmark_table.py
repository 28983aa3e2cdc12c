#!/usr/bin/env python3
"""The side-by-side table of bench/side-by-side.sh, from the JSON records its runs wrote (standard library only).

  python3 bench/benchmark_table.py --runs-dir DIR --command "bench/side-by-side.sh ..." [--out REPORT.md]

DIR holds run-NN-ours.json and run-NN-reference.json, a pair per run (EngineBenchmark's and benchmark_reference.py's
--json records; a run of one side has one), and run-NN-peer.json where the reference also ran in bfloat16. Prints the table, and where the runs allow, the peak memory of short
against long clips and after 10, 100, 1000... frames; with --out writes them as a markdown report with the machine,
the date, the versions and the command line.
"""

import argparse
import datetime
import glob
import json
import os
import platform
import re
import socket
import sys

STAGES = ["image_encoder", "memory_attention", "mask_decoder", "memory_encoder", "mask_prompt"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs-dir", required=True)
    parser.add_argument("--command", required=True, help="the command line the report names")
    parser.add_argument("--out", help="write the markdown report here")
    args = parser.parse_args(argv)
    pairs = read_pairs(args.runs_dir)
    if not pairs:
        print(f"benchmark_table: no run-NN-ours.json, -reference.json or -peer.json in {args.runs_dir}",
              file=sys.stderr)
        return 2
    table = render_table(pairs)
    growth = render_growth(pairs)
    lengths = render_clip_lengths(pairs)
    print(table)
    if lengths:
        print("\nPeak MB, short clip against long clip\n\n" + lengths)
    if growth:
        print("\nPeak MB after N frames\n\n" + growth)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report(pairs, table, lengths, growth, args.command))
        print(f"\nwrote {args.out}")
    return 0


SIDES = ("ours", "int8", "bf16", "reference", "peer")
OUR_PRECISIONS = ("int8", "bf16")  # the engine in a precision other than exact


def read_pairs(folder):
    """{side: record} per run, in run order; a side a run did not have is missing."""
    runs = sorted({re.sub(r"-(" + "|".join(SIDES) + r")\.json$", "", path)
                   for path in glob.glob(os.path.join(folder, "run-*-*.json"))})
    pairs = []
    for run in runs:
        sides = {side: record for side in SIDES if (record := load(f"{run}-{side}.json"))}
        if sides:
            pairs.append(sides)
    return pairs


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def records(pairs):
    return [pair[side] for pair in pairs for side in SIDES if side in pair]


def stages_used(pairs):
    """The stage columns: every stage either side timed (mask_prompt only runs for mask prompts)."""
    used = {stage for record in records(pairs) for stage in record["stage_ms"]}
    return [stage for stage in STAGES if stage in used]


def render_table(pairs):
    """A markdown table, padded so that it reads in a terminal too: one row per side per run."""
    stages = stages_used(pairs)
    peers = any("peer" in pair for pair in pairs)
    header = (["model", "input", "device", "workload", "objects", "frames", "side"] + [f"{s} ms" for s in stages]
              + ["total ms", "frames/s", "peak MB", "time ours/ref", "memory ours/ref"]
              + (["time ours/peer"] if peers else []))
    rows = []
    for pair in pairs:
        reference, peer = pair.get("reference"), pair.get("peer")
        for name in SIDES:
            record = pair.get(name)
            if record is None:
                continue
            side = "peer (bf16)" if name == "peer" else f"ours, {name}" if name in OUR_PRECISIONS else record["side"]
            row = [record["model"], str(record.get("input_size", "")), record["device"], record["workload"],
                   str(record["objects"]), str(record["frames"]), side]
            row += [milliseconds(record["stage_ms"].get(s)) for s in stages]
            row += [milliseconds(record["total_ms"]), f"{record['frames_per_s']:.3f}", megabytes(record["peak_rss_mb"])]
            mine = name == "ours" or name in OUR_PRECISIONS
            if mine and reference:
                row += [ratio(record["total_ms"], reference["total_ms"]),
                        ratio(record["peak_rss_mb"], reference["peak_rss_mb"])]
            else:
                row += ["", ""]
            if peers:
                row += [ratio(record["total_ms"], peer["total_ms"]) if mine and peer else ""]
            rows.append(row)
    return markdown(header, rows, [i == 1 or (i >= 4 and i != 6) for i in range(len(header))])


def render_growth(pairs):
    """Peak resident memory after 10, 100, 1000... frames, one row per side per run; empty unless a run has
    several such figures."""
    runs = [r for r in records(pairs) if r.get("peak_rss_mb_after_frames")]
    if not any(len(r["peak_rss_mb_after_frames"]) > 1 for r in runs):  # short runs: the main table says it all
        return ""
    points = sorted({int(n) for r in runs for n in r["peak_rss_mb_after_frames"]})
    header = ["model", "workload", "objects", "side"] + [f"{n} frames" for n in points] + ["last / 100 frames"]
    rows = []
    for r in runs:
        peaks = r["peak_rss_mb_after_frames"]
        last = peaks[str(max(map(int, peaks)))]
        rows.append([r["model"], r["workload"], str(r["objects"]), r["side"]]
                    + [megabytes(peaks.get(str(n))) for n in points] + [ratio(last, peaks.get("100"))])
    return markdown(header, rows, [i >= 4 or i == 2 for i in range(len(header))])


def render_clip_lengths(pairs):
    """The peak of the longest run against the shortest, for the same model, workload, objects and side: how memory
    grows with the clip. Empty when no two runs differ only in length."""
    groups = {}
    for r in records(pairs):
        groups.setdefault((r["model"], r["workload"], r["objects"], r["side"] + r.get("precision", ""),
                           r.get("input_size")), []).append(r)
    header = ["model", "workload", "objects", "side", "short clip frames", "peak MB", "long clip frames", "peak MB",
              "long / short"]
    rows = []
    for (model, workload, objects, side, _), runs in groups.items():
        short, long = min(runs, key=lambda r: r["frames"]), max(runs, key=lambda r: r["frames"])
        if short["frames"] == long["frames"]:
            continue
        rows.append([model, workload, str(objects), side, str(short["frames"]), megabytes(short["peak_rss_mb"]),
                     str(long["frames"]), megabytes(long["peak_rss_mb"]),
                     ratio(long["peak_rss_mb"], short["peak_rss_mb"])])
    return markdown(header, rows, [i >= 4 or i == 2 for i in range(len(header))]) if rows else ""


def markdown(header, rows, numeric):
    """A markdown table, padded so that it reads in a terminal too; numeric columns are right-aligned."""
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if n else ("-" * (w + 2)) for w, n in zip(widths, numeric)) + "|"
    return "\n".join([line(header), rule] + [line(r) for r in rows])


def milliseconds(value):
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def megabytes(value):
    return "-" if value is None else f"{value:.0f}"


def ratio(ours, reference):
    if ours is None or reference is None or reference == 0:
        return "-"
    return f"{ours / reference:.2f}"


def report(pairs, table, lengths, growth, command):
    """The markdown report: what ran where, the table, and what the columns mean."""
    ours = next((p[s] for p in pairs for s in ("ours",) + OUR_PRECISIONS if s in p), None)
    reference = next((p["reference"] for p in pairs if "reference" in p), None)
    peer = next((p["peer"] for p in pairs if "peer" in p), None)
    first = ours or reference
    gpu = gpu_name() if first["device"] == "gpu" else None
    sides = ("the engine and the reference side by side" if ours and reference
             else "the engine" if ours else "the reference")
    lines = [
        f"# {first['model']} on {first['device'].upper()}: {sides}",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {socket.gethostname()}, {cpu_model()}, {cpu_cores()}, {memory_gib():.1f} GiB RAM"
        + (f", {gpu}" if gpu else ""),
    ]
    if ours:
        lines.append(f"- Ours: {ours['implementation']}; Java {ours['versions']['java']}, ONNX Runtime "
                     f"{ours['versions']['onnxruntime']}, threads {ours['threads']}, JVM max heap "
                     f"{ours['max_heap_mb']:.0f} MB")
    if reference:
        lines.append(f"- Reference: {reference['implementation']}; transformers "
                     f"{reference['versions']['transformers']}, torch {reference['versions']['torch']}, Python "
                     f"{reference['versions']['python']}, threads {reference['threads']}")
    lines += [
        f"- Weights: {weights(first)}",
        f"- Frames: {frame_sizes(pairs)}; objects are single clicks on a grid over frame 0"
        + (", the same pixels on both sides" if ours and reference else ""),
        f"- Host: {platform.system()} {platform.release()}",
        f"- Command: `{command}`",
        "",
        table,
        "",
        "Milliseconds are per frame, over the frames tracked after the prompted frame 0. Ours: the total is the "
        "propagation's wall time less the time spent decoding frame files. Reference: the total is the propagation's "
        "wall time plus the processor's resizing of the frames, which it does for the whole clip before tracking "
        "starts. Peak MB is each process's peak resident memory. A ratio below 1 means ours is faster or smaller. "
        + ("The peer is the reference again with the model in bfloat16 (oneDNN, the CPU's matrix units where torch's "
           "build has them) and scaled-dot-product attention. "
           if peer else "")
        + (f"Each object held its 7 memory frames while timed ({first.get('settle_frames')} frames tracked first). "
           if first.get("settle_frames") else "")
        + "See docs/benchmarks/README.md.",
        "",
    ]
    if lengths:
        lines += ["## Peak resident memory: short clip against long clip", "",
                  "The same model, workload, objects and side, run on the first frames of the clip and on many more; "
                  "the last column divides the long run's peak by the short run's.", "", lengths, ""]
    if growth:
        lines += ["## Peak resident memory as tracking goes on", "",
                  "The process's peak resident memory (MB) after the first N frames tracked in the same run; the last "
                  "column divides the run's last figure by its figure after 100 frames. The first frames include the "
                  "warm-up of each runtime (the JVM's heap grows to its working size over the first tens of frames); "
                  "the reference prepares the whole clip before it tracks, so its peak is set before the first "
                  "frame.", "", growth, ""]
    return "\n".join(lines)


def weights(record):
    if record["model"] == "sam2.1-fixture":
        return (f"{record.get('weights', 'random')}: the test bundle test-data/bundles/sam2.1-fixture, the same "
                f"architecture and weights on both sides")
    return (f"{record.get('weights', 'random')}, the same on both sides (a transformers checkpoint in the shipped "
            f"graphs, models/export/assemble_bundle.py)")


def frame_sizes(pairs):
    sizes = {}
    for record in records(pairs):
        sizes.setdefault(record["workload"], f"{record['workload']} {record['width']} x {record['height']}")
    return ", ".join(sizes.values())


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def cpu_cores():
    """Physical cores (distinct physical id and core id) and logical CPUs, from /proc/cpuinfo."""
    logical = os.cpu_count() or 0
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
    except OSError:
        return f"{logical} logical CPUs"
    cores = set()
    for block in text.split("\n\n"):
        physical = re.search(r"^physical id\s*:\s*(\d+)", block, re.M)
        core = re.search(r"^core id\s*:\s*(\d+)", block, re.M)
        if physical and core:
            cores.add((physical.group(1), core.group(1)))
    return f"{len(cores) or logical} cores ({logical} logical CPUs)"


def memory_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 2 ** 20
    except OSError:
        pass
    return float("nan")


def gpu_name():
    import subprocess

    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=30)
        return out.stdout.strip().splitlines()[0] if out.returncode == 0 and out.stdout.strip() else None
    except (OSError, subprocess.TimeoutExpired):
        return None


if __name__ == "__main__":
    sys.exit(main())
