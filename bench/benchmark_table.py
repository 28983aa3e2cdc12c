#!/usr/bin/env python3
"""The side-by-side table of bench/side-by-side.sh, from the JSON records its runs wrote (standard library only).

  python3 bench/benchmark_table.py --runs-dir DIR --command "bench/side-by-side.sh ..." [--out REPORT.md]

DIR holds run-NN-ours.json and run-NN-reference.json, one pair per run (EngineBenchmark's and
benchmark_reference.py's --json records). Prints the table and, with --out, writes it as a markdown report with the
machine, the date, the versions and the command line.
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
        print(f"benchmark_table: no run-NN-ours.json and run-NN-reference.json pairs in {args.runs_dir}",
              file=sys.stderr)
        return 2
    table = render_table(pairs)
    print(table)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report(pairs, table, args.command))
        print(f"\nwrote {args.out}")
    return 0


def read_pairs(folder):
    """(ours, reference) records in run order; a run with a side missing is left out."""
    pairs = []
    for ours_path in sorted(glob.glob(os.path.join(folder, "run-*-ours.json"))):
        reference_path = ours_path[:-len("ours.json")] + "reference.json"
        if os.path.exists(reference_path):
            pairs.append((load(ours_path), load(reference_path)))
    return pairs


def load(path):
    with open(path) as f:
        return json.load(f)


def stages_used(pairs):
    """The stage columns: every stage either side timed (mask_prompt only runs for mask prompts)."""
    used = {stage for pair in pairs for record in pair for stage in record["stage_ms"]}
    return [stage for stage in STAGES if stage in used]


def render_table(pairs):
    """A markdown table, padded so that it reads in a terminal too: one row per side per run."""
    stages = stages_used(pairs)
    header = (["model", "device", "workload", "objects", "frames", "side"] + [f"{s} ms" for s in stages]
              + ["total ms", "frames/s", "peak MB", "time ours/ref", "memory ours/ref"])
    rows = []
    for ours, reference in pairs:
        for record in (ours, reference):
            row = [record["model"], record["device"], record["workload"], str(record["objects"]),
                   str(record["frames"]), record["side"]]
            row += [milliseconds(record["stage_ms"].get(s)) for s in stages]
            row += [milliseconds(record["total_ms"]), f"{record['frames_per_s']:.3f}", megabytes(record["peak_rss_mb"])]
            if record is ours:
                row += [ratio(ours["total_ms"], reference["total_ms"]),
                        ratio(ours["peak_rss_mb"], reference["peak_rss_mb"])]
            else:
                row += ["", ""]
            rows.append(row)
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    numeric = [i >= 3 and i != 5 for i in range(len(header))]

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


def report(pairs, table, command):
    """The markdown report: what ran where, the table, and what the columns mean."""
    ours, reference = pairs[0]
    gpu = gpu_name() if ours["device"] == "gpu" else None
    lines = [
        f"# {ours['model']} on {ours['device'].upper()}: the engine and the reference side by side",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {socket.gethostname()}, {cpu_model()}, {cpu_cores()}, {memory_gib():.1f} GiB RAM"
        + (f", {gpu}" if gpu else ""),
        f"- Ours: {ours['implementation']}; Java {ours['versions']['java']}, ONNX Runtime "
        f"{ours['versions']['onnxruntime']}, threads {ours['threads']}, JVM max heap {ours['max_heap_mb']:.0f} MB",
        f"- Reference: {reference['implementation']}; transformers {reference['versions']['transformers']}, torch "
        f"{reference['versions']['torch']}, Python {reference['versions']['python']}, threads {reference['threads']}",
        f"- Weights: {reference['weights']}, the same on both sides (a transformers checkpoint installed with "
        f"`models install --from`)",
        f"- Frames: {frame_sizes(pairs)}; objects are single clicks on a grid over frame 0, the same pixels on both "
        f"sides",
        f"- Host: {platform.system()} {platform.release()}",
        f"- Command: `{command}`",
        "",
        table,
        "",
        "Milliseconds are per frame, over the frames tracked after the prompted frame 0. Ours: the total is the "
        "propagation's wall time less the time spent decoding frame files. Reference: the total is the propagation's "
        "wall time plus the processor's resizing of the frames, which it does for the whole clip before tracking "
        "starts. Peak MB is each process's peak resident memory. A ratio below 1 means ours is faster or smaller. "
        "See docs/benchmarks/README.md.",
        "",
    ]
    return "\n".join(lines)


def frame_sizes(pairs):
    sizes = {}
    for ours, _ in pairs:
        sizes.setdefault(ours["workload"], f"{ours['workload']} {ours['width']} x {ours['height']}")
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
