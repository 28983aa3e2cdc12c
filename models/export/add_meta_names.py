#!/usr/bin/env python3
"""Adds Meta's tensor names to the committed checkpoint maps, as the exporter now writes them, without exporting
the graphs again (they do not change), and updates each manifest's record of its map.

  refenv run python3 models/export/add_meta_names.py

Each checkpoint row gets "meta": the tensors of Meta's sam2.1_hiera_*.pt that make its tensor (see
sam2_export/meta.py); before anything is written, every name is checked to map back to the row's tensor.
"""

import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sam2_export import meta  # noqa: E402
from sam2_export.export import META_FORMAT  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))


def main():
    maps = sorted(glob.glob(os.path.join(REPO, "models", "sam2.1-*", "checkpoint_map.json")) +
                  glob.glob(os.path.join(REPO, "test-data", "bundles", "*", "checkpoint_map.json")))
    for path in maps:
        with open(path) as f:
            data = json.load(f)
        tensors = [r["tensor"] for rows in data["graphs"].values() for r in rows if r["source"] == "checkpoint"]
        meta.check(tensors)
        for rows in data["graphs"].values():
            for r in rows:
                if r["source"] == "checkpoint":
                    r["meta"] = meta.meta_sources(r["tensor"])
        out = {"checkpoint_format": data["checkpoint_format"], "meta_format": META_FORMAT, "graphs": data["graphs"]}
        with open(path, "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        manifest_path = os.path.join(os.path.dirname(path), "manifest.json")
        with open(manifest_path) as f:
            manifest = json.load(f)
        manifest["checkpoint_map"]["sha256"] = digest
        with open(manifest_path, "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        print(os.path.relpath(path, REPO), len(tensors), "tensors")


if __name__ == "__main__":
    main()
