"""ensemble.py on constructed runs: each run's figures, the mean of their probabilities, and the refusal of runs
validated on other images."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "ensemble.py")
CLASSES = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]


class EnsembleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = self.tmp.name
        self.data = os.path.join(root, "data")
        os.makedirs(self.data)
        # Four validation faces: happy, happy, sad, fear.
        self.paths = ["a.png", "b.png", "c.png", "d.png"]
        with open(os.path.join(self.data, "labels.csv"), "w") as f:
            rows = zip(self.paths, ["happy", "happy", "sad", "fear"])
            f.write("path,label\n" + "".join(f"{p},{c}\n" for p, c in rows))
        self.runs = os.path.join(root, "runs")

    def tearDown(self):
        self.tmp.cleanup()

    def write_run(self, name, rows, paths=None):
        folder = os.path.join(self.runs, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "split.json"), "w") as f:
            json.dump({"validation": paths or self.paths}, f)
        probs = np.zeros((len(rows), 7), dtype=np.float16)
        for i, row in enumerate(rows):
            for c, p in row.items():
                probs[i, CLASSES.index(c)] = p
        np.save(os.path.join(folder, "val-probs-fp16.npy"), probs)

    def run_script(self, *runs):
        command = [sys.executable, SCRIPT, *runs, "--runs-dir", self.runs, "--data", self.data, "--json"]
        return subprocess.run(command, capture_output=True, text=True)

    def test_each_run_and_the_mean_of_their_probabilities(self):
        # a gets the two happy faces, and says fear for sad and sad for fear; b gets three of four.
        self.write_run("a", [{"happy": 0.9}, {"happy": 0.6, "sad": 0.4},
                             {"fear": 0.55, "sad": 0.45}, {"sad": 0.6, "fear": 0.4}])
        self.write_run("b", [{"happy": 0.5, "sad": 0.5}, {"sad": 0.7, "happy": 0.3},
                             {"sad": 0.9, "fear": 0.1}, {"fear": 0.7, "sad": 0.3}])
        done = self.run_script("a", "b")
        self.assertEqual(done.returncode, 0, done.stderr)
        out = json.loads(done.stdout)
        self.assertEqual(out["a"]["acc"], 0.5)
        # b: face 1 is a tie (argmax takes happy, the first), face 2 says sad: 3 of 4.
        self.assertEqual(out["b"]["acc"], 0.75)
        # mean: happy 0.7, happy 0.45 vs sad 0.55 (wrong), sad 0.675, fear 0.55: 3 of 4, another set than b's.
        self.assertEqual(out["ensemble"]["acc"], 0.75)
        self.assertEqual(out["ensemble"]["recall"]["happy"], 0.5)
        self.assertEqual(out["ensemble"]["recall"]["fear"], 1.0)
        self.assertEqual(out["a"]["recall"]["sad"], 0.0)

    def test_refuses_runs_validated_on_other_images(self):
        self.write_run("a", [{"happy": 1.0}] * 4)
        self.write_run("b", [{"happy": 1.0}] * 4, paths=["a.png", "b.png", "d.png", "c.png"])
        done = self.run_script("a", "b")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("not comparable", done.stderr)


if __name__ == "__main__":
    unittest.main()
