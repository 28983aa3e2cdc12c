#!/usr/bin/env python3
"""The fixture model in Meta's own checkpoint format, and transformers' runs of it, for the Java side to reproduce
from the .pt file alone.

  refenv run python3 models/export/make_meta_fixture.py

Meta's checkpoint holds one positional-embedding matrix where transformers holds two (both from that one), so a
random transformers model is a Meta checkpoint only once the two are the same: this takes the fixture model of
test-data (seed and score bias of fixture_parameters.json), sets shared_image_embedding to the prompt encoder's
matrix, runs the seven reference scenarios on it with transformers, and writes
  test-data/checkpoints/sam2.1-fixture-meta.pt   the model in Meta's names and layout (sam2_export/meta.py)
  test-data/reference-meta/<scenario>/           the runs, in the format of test-data/reference
"""

import collections
import json
import os
import shutil
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sam2_export import fixtures, meta, scenarios  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = "/shared" if os.path.isdir("/shared/data") else os.path.join(REPO, "..", "shared")


def main():
    with open(os.path.join(HERE, "fixture_parameters.json")) as f:
        params = json.load(f)
    model = fixtures.fixture_model(params["seed"], params["score_bias"])
    with torch.no_grad():
        model.shared_image_embedding.positional_embedding.copy_(model.prompt_encoder.shared_embedding
                                                               .positional_embedding)
    state = model.state_dict()
    meta.check(list(state))
    out = os.path.join(REPO, "test-data")
    torch.save({"model": collections.OrderedDict(sorted(meta.meta_state_dict(state).items()))},
               os.path.join(out, "checkpoints", "sam2.1-fixture-meta.pt"))
    work = tempfile.mkdtemp()
    try:
        clips, scenario_list = fixtures.load_clips(work, SHARED)
    finally:
        shutil.rmtree(work)
    runs = os.path.join(out, "reference-meta")
    shutil.rmtree(runs, ignore_errors=True)
    results = fixtures.run_all(model, clips, scenario_list)
    for s in scenario_list:
        failures = scenarios.check(s, results[s.name], len(clips[s.clip]))
        fixtures.write_reference_run(os.path.join(runs, s.name), s, results[s.name], {
            "description": s.description, "failures": failures,
            "model": "the fixture model with its two positional-embedding names tied, as a Meta checkpoint is"})
        print(s.name, "claims hold" if not failures else "claims: " + "; ".join(failures))


if __name__ == "__main__":
    main()
