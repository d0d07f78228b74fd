"""Resumable teacher training: 2 + 2 epochs (stop, new process, --resume) equal 4 uninterrupted epochs bit-for-bit.

  /usr/bin/python3 -m unittest models/training/test_resume.py      (10-100 s on 2 CPU threads, by load)

Uses a small slice of ../shared/data/fer2013-train (46 images per class: 256 train, 35 validation; through a temporary
labels.csv whose class folders are symlinks) and the VGG teacher at width 0.25 with mixup on, so the model, the SGD
momentum, the cosine schedule, dropout (torch RNG), augmentation (generator) and mixup (numpy generator) all have to
come back exactly; a session stopped by --time-limit-min in between must leave no trace, and the last session runs
as on a new machine, from the copy parked in the run folder only.
Skips when the data is absent (SHARED_DATA=<dir> points at another copy).
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from allocator import JEMALLOC  # noqa: E402
from teachers import build, load_teacher  # noqa: E402
from train_teacher import distill_loss, recipe_changes, parse_args  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TRAIN = os.path.join(os.path.abspath(os.environ.get("SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))),
                     "fer2013-train")
PER_CLASS = 46


def make_slice(dst: str):
    with open(os.path.join(TRAIN, "labels.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    picked, seen = [], {}
    for r in rows:
        if seen.get(r["label"], 0) < PER_CLASS:
            seen[r["label"]] = seen.get(r["label"], 0) + 1
            picked.append(r)
    for label in seen:
        os.symlink(os.path.join(TRAIN, label), os.path.join(dst, label))
    with open(os.path.join(dst, "labels.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["path", "label"])
        w.writeheader()
        w.writerows({"path": r["path"], "label": r["label"]} for r in picked)


def epoch_lines(log_path: str) -> list[str]:
    """Epoch lines without their time stamp and timings."""
    with open(log_path) as f:
        lines = [line.split(" ", 2)[2] for line in f if re.match(r"\S+ \S+ epoch \d+/\d+ ", line)]
    return [re.sub(r" (train_s|epoch_s) \d+", "", line).strip() for line in lines]


def same(a, b, where="") -> list[str]:
    """Differences between two nested checkpoint objects (tensors, arrays, containers, scalars)."""
    if isinstance(a, torch.Tensor):
        ok = isinstance(b, torch.Tensor) and a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
        return [] if ok else [where]
    if isinstance(a, np.ndarray):
        return [] if isinstance(b, np.ndarray) and np.array_equal(a, b) else [where]
    if isinstance(a, dict):
        if not isinstance(b, dict) or a.keys() != b.keys():
            return [where + " (keys)"]
        return [d for k in a for d in same(a[k], b[k], f"{where}.{k}")]
    if isinstance(a, (list, tuple)):
        if not isinstance(b, (list, tuple)) or len(a) != len(b):
            return [where + " (length)"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in same(x, y, f"{where}[{i}]")]
    return [] if a == b else [where]


@unittest.skipUnless(os.path.exists(os.path.join(TRAIN, "labels.csv")), f"{TRAIN} is absent")
class ResumeTest(unittest.TestCase):
    def run_teacher(self, run: str, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
        cmd = [sys.executable, os.path.join(HERE, "train_teacher.py"), "--arch", "vgg", "--width", "0.25",
               "--run", run, "--out", os.path.join(self.tmp, "runs", run),
               "--checkpoint-dir", os.path.join(self.tmp, "ckpt", run), "--data", self.data, "--cache-dir", "",
               "--epochs", "4", "--batch", "32", "--lr", "0.05", "--warmup-epochs", "1", "--mixup", "0.2",
               "--subset", "256", "--threads", "2", *extra]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})

    def check(self, p: subprocess.CompletedProcess):
        self.assertEqual(p.returncode, 0, p.stdout[-2000:] + p.stderr[-2000:])

    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory(prefix="test-resume-")
        cls.tmp = cls._dir.name
        cls.data = os.path.join(cls.tmp, "fer-slice")
        os.makedirs(cls.data)
        make_slice(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls._dir.cleanup()

    def test_two_plus_two_epochs_equal_four(self):
        self.check(self.run_teacher("whole"))
        self.check(self.run_teacher("split", "--stop-after-epoch", "2"))
        ckpt = lambda run, name="last.pt": torch.load(os.path.join(self.tmp, "ckpt", run, name))  # noqa: E731
        self.assertEqual(ckpt("split")["epoch"], 2)
        changed = self.run_teacher("split", "--resume", "--lr", "0.1")
        self.assertNotEqual(changed.returncode, 0, "resuming with another recipe must be refused")
        self.assertIn("recipe differs", changed.stderr)
        # a working period too short for another epoch ends cleanly without touching the checkpoint
        short = self.run_teacher("split", "--resume", "--time-limit-min", "0.001")
        self.check(short)
        self.assertIn("stopped after epoch 2/4 (time limit", short.stdout)
        self.assertEqual(ckpt("split")["epoch"], 2)
        # a new machine: no checkpoint, only the copy parked in the (committed) run folder
        parked = os.path.join(self.tmp, "runs", "split", "parked")
        self.assertEqual(same(torch.load(os.path.join(parked, "last.pt")), ckpt("split")), [])
        shutil.rmtree(os.path.join(self.tmp, "ckpt", "split"))
        # ... and glibc's malloc there instead of jemalloc (allocator.py): the allocator changes no number
        moved = self.run_teacher("split", "--resume", env={"TRAIN_ALLOCATOR": "system"})
        self.check(moved)
        self.assertIn("continuing from the parked copy", moved.stdout)
        self.assertIn("system malloc", moved.stdout)
        if os.path.exists(JEMALLOC):
            self.assertIn("jemalloc malloc", short.stdout)
        self.assertFalse(os.path.exists(parked), "a finished run keeps no parked checkpoint")

        whole, split = ckpt("whole"), ckpt("split")
        self.assertEqual(whole["epoch"], 4)
        self.assertEqual(split["epoch"], 4)
        for key in ("model", "optimizer", "scheduler", "scaler", "rng", "best"):
            self.assertEqual(same(whole[key], split[key], key), [], f"{key} differs after 2+2 epochs")
        self.assertEqual(same(ckpt("whole", "best.pt"), ckpt("split", "best.pt")), [])
        self.assertEqual(len(split["sessions"]), 2)
        lines = {run: epoch_lines(os.path.join(self.tmp, "runs", run, "train.log")) for run in ("whole", "split")}
        self.assertEqual(len(lines["whole"]), 4)
        self.assertEqual(lines["whole"], lines["split"])
        probs = {run: np.load(os.path.join(self.tmp, "runs", run, "val-probs-fp16.npy")) for run in ("whole", "split")}
        self.assertTrue(np.array_equal(probs["whole"], probs["split"]))
        teacher = load_teacher(os.path.join(self.tmp, "runs", "split", "teacher-fp16.pt"))
        for k, v in teacher.state_dict().items():  # the committed float16 weights are best.pt's, rounded
            self.assertTrue(torch.equal(v, ckpt("split", "best.pt")["model"][k].half().to(v.dtype)), k)

    def test_distillation_resumes_too(self):
        """A student distilled from a teacher (here an untrained one): 2 + 2 epochs equal 4, the teacher's term counts."""
        teacher = build("vgg", 0.25)
        path = os.path.join(self.tmp, "teacher-fp16.pt")
        torch.save({"model": {k: v.half() if v.is_floating_point() else v for k, v in teacher.state_dict().items()},
                    "arch": "vgg", "width": 0.25, "epoch": 0}, path)
        student = ("--arch", "emotionnet", "--teachers", path, "--temperature", "3", "--distill-weight", "0.9")
        self.check(self.run_teacher("kd-whole", *student))
        self.check(self.run_teacher("kd-split", *student, "--stop-after-epoch", "2"))
        self.check(self.run_teacher("kd-split", *student, "--resume"))
        refused = self.run_teacher("kd-split", *student[:-1], "0.5", "--resume")
        self.assertIn("recipe differs", refused.stderr)
        self.check(self.run_teacher("kd-labels-only", "--arch", "emotionnet", "--stop-after-epoch", "1"))
        ckpt = lambda run: torch.load(os.path.join(self.tmp, "ckpt", run, "last.pt"))  # noqa: E731
        self.assertEqual(same(ckpt("kd-whole")["model"], ckpt("kd-split")["model"], "model"), [])
        lines = {run: epoch_lines(os.path.join(self.tmp, "runs", run, "train.log"))
                 for run in ("kd-whole", "kd-split", "kd-labels-only")}
        self.assertEqual(lines["kd-whole"], lines["kd-split"])
        # the teacher's term changes the loss: epoch 1 differs from the same student trained on labels only
        self.assertNotEqual(lines["kd-whole"][0], lines["kd-labels-only"][0])
        self.check_student_export(os.path.join(self.tmp, "runs", "kd-whole"))

    def check_student_export(self, run_dir: str):
        """The finished student's float16 weights export to TF.js as fer-v2's did, with its run's figures."""
        out, vectors = os.path.join(self.tmp, "student-tfjs"), os.path.join(self.tmp, "student-vectors.json")
        cmd = [sys.executable, os.path.join(HERE, "export_tfjs.py"), os.path.join(run_dir, "teacher-fp16.pt"), out,
               "--vectors", vectors, "--count", "8", "--data", self.data]
        self.check(subprocess.run(cmd, capture_output=True, text=True, timeout=120))
        with open(os.path.join(out, "model.json")) as f:
            model = json.load(f)
        with open(os.path.join(run_dir, "result.json")) as f:
            result = json.load(f)
        training = model["userDefinedMetadata"]["training"]
        self.assertEqual(training["valAccuracy"], round(result["validation"]["acc"], 4))
        self.assertEqual(training["epoch"], result["best_epoch"])
        self.assertEqual(model["weightsManifest"][0]["paths"], ["weights.bin"])
        with open(vectors) as f:
            images = json.load(f)["images"]
        self.assertEqual(len(images), 8)
        for im in images:
            self.assertAlmostEqual(sum(im["probabilities"]), 1.0, places=4)

    def test_time_limit_abandons_an_overrunning_epoch(self):
        """No epoch time known yet (fresh start): the limit passes during epoch 1, which is dropped, not saved."""
        p = self.run_teacher("short", "--time-limit-min", "0.0001")
        self.check(p)
        self.assertIn("passed during epoch 1; that epoch is abandoned", p.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "ckpt", "short", "last.pt")))


class DistillLossTest(unittest.TestCase):
    def test_zero_when_the_student_matches_the_teachers_and_positive_otherwise(self):
        logits = torch.tensor([[2.0, 0.5, -1.0, 0.0, 0.3, -0.2, 1.0]])
        soft = torch.softmax(logits / 3, 1)
        self.assertAlmostEqual(float(distill_loss(logits, soft, 3)), 0.0, places=6)
        self.assertGreater(float(distill_loss(logits.flip(1), soft, 3)), 0.01)

    def test_a_checkpoint_from_before_distillation_resumes_with_the_defaults(self):
        args = parse_args(["--run", "old"])
        saved = {k: v for k, v in vars(args).items() if k not in ("teachers", "temperature", "distill_weight")}
        self.assertEqual(recipe_changes(saved, args), {})
        self.assertIn("teachers", recipe_changes(saved, parse_args(["--run", "old", "--teachers", "t.pt"])))


if __name__ == "__main__":
    unittest.main()
