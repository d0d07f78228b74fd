"""The validation figures of finished runs, alone and as an ensemble (the mean of their probabilities).

Reads each run's val-probs-fp16.npy (flip-averaged probabilities of its best checkpoint, in the order of its
split.json) and the training split's labels; refuses runs whose validation parts differ. Prints accuracy,
balanced accuracy and per-class recall for every run and for their mean: the teacher ensemble's figure that
issue 14 aims at (>= 72 % on validation), before any student is distilled from it.

    python3 models/training/ensemble.py teacher-vgg1 teacher-resnet1 [--json]
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from data import CLASSES, read_labels  # noqa: E402
from train import metrics  # noqa: E402


def run_probs(runs_dir: str, run: str) -> tuple[list[str], np.ndarray]:
    folder = os.path.join(runs_dir, run)
    with open(os.path.join(folder, "split.json")) as f:
        paths = json.load(f)["validation"]
    probs = np.load(os.path.join(folder, "val-probs-fp16.npy")).astype(np.float32)
    if len(probs) != len(paths):
        sys.exit(f"{run}: {len(probs)} probabilities for {len(paths)} validation images")
    return paths, probs


def figures(probs: np.ndarray, labels: np.ndarray) -> dict:
    acc, bal, recall = metrics(probs.argmax(1), labels)
    return {"acc": round(acc, 4), "bal": round(bal, 4), "recall": {c: round(r, 3) for c, r in zip(CLASSES, recall)}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="run folder names under --runs-dir")
    ap.add_argument("--runs-dir", default=os.path.join(HERE, "runs"))
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data", "fer2013-train"))
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    args = ap.parse_args()

    label_of = dict(read_labels(args.data))
    loaded = [run_probs(args.runs_dir, run) for run in args.runs]
    paths = loaded[0][0]
    for run, (other, _) in zip(args.runs, loaded):
        if other != paths:
            sys.exit(f"{run} was validated on other images than {args.runs[0]}: not comparable")
    labels = np.array([label_of[p] for p in paths])
    result = {run: figures(probs, labels) for run, (_, probs) in zip(args.runs, loaded)}
    if len(loaded) > 1:
        result["ensemble"] = figures(np.mean([probs for _, probs in loaded], axis=0), labels)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for name, f in result.items():
            recall = " ".join(f"{c}={r:.3f}" for c, r in f["recall"].items())
            print(f"{name}: acc {f['acc']:.4f} bal {f['bal']:.4f} recall {recall} ({len(labels)} images)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
