"""Training data for the gate's local pipeline runs (run with a kit's own Python environment).

    python local_run_data.py KIT_DIR OUT.csv [DRIFTED.csv]

Writes the rows the kit's training pipeline reads: scikit-learn's bundled breast-cancer set (binary
classification) or diabetes set (regression) when the kit's features are that set's columns (column
names in snake_case), otherwise synthetic rows shaped like the kit's schema whose label depends on
its first features. With DRIFTED.csv, also the same rows with one feature moved far from its training
distribution (the first numeric feature shifted by five standard deviations, or the first categorical
one set to a single value), which the batch-scoring and monitoring runs use. Prints a JSON line naming
the data set (and the drifted feature). No download: both sets ship inside scikit-learn.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml


def snake(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def kit_schema(kit: Path) -> dict:
    doc = next(
        d
        for d in yaml.safe_load_all((kit / "pipelines" / "training_pipeline.yaml").read_text(encoding="utf-8"))
        if isinstance(d, dict) and "root" in d
    )
    for executor in doc["deploymentSpec"]["executors"].values():
        args = (executor.get("container") or {}).get("args") or []
        for flag, value in itertools.pairwise(args):
            if flag == "--schema":
                return json.loads(value)
    raise SystemExit(f"{kit}: no --schema in the training pipeline's executors")


def bundled(loader) -> pd.DataFrame:
    bunch = loader(as_frame=True)
    frame = bunch.frame.rename(columns=snake)
    return frame


def synthetic(schema: dict, classification: bool, rows: int = 600, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame()
    signal = np.zeros(rows)
    for i, feature in enumerate(schema["features"]):
        if feature["kind"] == "numeric":
            values = rng.normal(loc=i, scale=1.0, size=rows)
            if i < 2:
                signal += values - i
        else:
            values = rng.choice(["a", "b", "c"], size=rows)
            signal += (values == "a") * 1.5
        frame[feature["name"]] = values
    noisy = signal + rng.normal(scale=0.3, size=rows)
    frame[schema["target"]] = (noisy > np.median(noisy)).astype(int) if classification else noisy
    return frame


def drifted(frame: pd.DataFrame, schema: dict) -> tuple[pd.DataFrame, str]:
    """The rows with one feature far from its training distribution, and that feature's name."""
    out = frame.copy()
    numeric = [f["name"] for f in schema["features"] if f["kind"] == "numeric"]
    if numeric:
        name = numeric[0]
        out[name] = out[name] + 5 * float(out[name].std() or 1.0) + 1.0
    else:
        name = schema["features"][0]["name"]
        out[name] = out[name].iloc[0]
    return out, name


def main(argv: list[str]) -> None:
    kit, out = Path(argv[0]), Path(argv[1])
    schema = kit_schema(kit)
    answers = yaml.safe_load((kit / ".mlops-kit" / "answers.yaml").read_text(encoding="utf-8"))
    classification = answers["model"]["task"] == "tabular_classification"
    features = [f["name"] for f in schema["features"]]
    chosen = "synthetic"
    frame = None
    try:
        from sklearn import datasets
    except ImportError:  # a kit without scikit-learn (TensorFlow): its features are no bundled set's
        loaders = ()
    else:
        loaders = (("breast_cancer", datasets.load_breast_cancer), ("diabetes", datasets.load_diabetes))
    for name, loader in loaders:
        candidate = bundled(loader)
        columns = [c for c in candidate.columns if c != "target"]
        if sorted(features) == sorted(columns):
            frame = candidate.rename(columns={"target": schema["target"]})[[*features, schema["target"]]]
            chosen = name
            break
    if frame is None:
        frame = synthetic(schema, classification)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False)
    target = frame[schema["target"]]
    summary = {"dataset": chosen, "rows": len(frame), "target_std": float(target.std()) if not classification else None}
    if len(argv) > 2:
        moved, summary["drifted_feature"] = drifted(frame, schema)
        moved.to_csv(Path(argv[2]), index=False)
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
