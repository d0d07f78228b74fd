"""class_bias.py's fits on constructed logits, and export_tfjs.py's folding of the bias into the student's head."""
import json
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from class_bias import cross_fit_gain, fit_free, fit_prior, predict  # noqa: E402
from export_tfjs import add_class_bias  # noqa: E402
from net import EmotionNet  # noqa: E402
from train import metrics  # noqa: E402

ANGRY, DISGUST, HAPPY, NEUTRAL = 0, 1, 3, 6


def constructed(n_per_class: int = 40, seed: int = 0, missing: bool = True):
    """Confident, right logits for every class except disgust, whose faces score 0.4 below angry: a network that
    never says disgust. A bias of more than 0.4 on disgust gets them all without costing any other face."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(7), n_per_class)
    logits = rng.normal(0, 0.05, (len(labels), 7))
    logits[np.arange(len(labels)), labels] += 3.0
    rare = (labels == DISGUST) & missing
    logits[rare, DISGUST] -= 3.0
    logits[rare, ANGRY] += 1.0
    logits[rare, DISGUST] += 0.6
    return logits[None], labels


class FitTest(unittest.TestCase):
    def test_free_fit_finds_the_missing_class_without_costing_accuracy(self):
        logits, labels = constructed()
        before = metrics(predict(logits, np.zeros(7)), labels)
        self.assertAlmostEqual(before[2][DISGUST], 0.0)
        bias = fit_free(logits, labels, max_acc_loss=0.003)
        acc, bal, recall = metrics(predict(logits, bias), labels)
        self.assertEqual(recall[DISGUST], 1.0)
        self.assertGreater(bal, before[1] + 0.1)
        self.assertGreaterEqual(acc, before[0] - 0.003)
        self.assertAlmostEqual(float(bias.mean()), 0.0, places=9)

    def test_prior_fit_raises_rare_classes_by_their_training_frequency(self):
        logits, labels = constructed()
        frequency = np.array([0.14, 0.015, 0.14, 0.25, 0.17, 0.11, 0.175])
        log_prior = np.log(frequency / frequency.sum())
        bias = fit_prior(logits, labels, 0.003, log_prior=log_prior)
        self.assertEqual(int(np.argmax(bias)), DISGUST)
        self.assertEqual(int(np.argmin(bias)), HAPPY)
        self.assertEqual(metrics(predict(logits, bias), labels)[2][DISGUST], 1.0)

    def test_no_bias_when_nothing_can_be_gained(self):
        logits, labels = constructed(missing=False)
        self.assertEqual(metrics(predict(logits, np.zeros(7)), labels)[0], 1.0)
        bias = fit_free(logits, labels, max_acc_loss=0.003)
        np.testing.assert_array_equal(bias, np.zeros(7))

    def test_flip_averages_the_probabilities_of_both_passes(self):
        one = np.zeros((1, 7))
        one[0, NEUTRAL] = 2.0
        other = np.zeros((1, 7))
        other[0, HAPPY] = 1.0
        self.assertEqual(predict(np.stack([one, other]), np.zeros(7))[0], NEUTRAL)
        self.assertEqual(predict(np.stack([one, other]), np.eye(7)[HAPPY] * 1.5)[0], HAPPY)

    def test_cross_fit_scores_each_half_with_the_other_halfs_bias(self):
        logits, labels = constructed()
        gain = cross_fit_gain(fit_free, logits, labels, 0.003, log_prior=np.zeros(7))
        self.assertGreater(gain["bal"], 0.1)  # the missing class is in both halves: the bias carries over
        self.assertGreaterEqual(gain["acc"], 0.0)


class FoldTest(unittest.TestCase):
    def test_the_folded_head_adds_the_bias_to_every_logit(self):
        torch.manual_seed(0)
        model = EmotionNet().eval()
        x = torch.rand(3, 1, 48, 48) * 2 - 1
        with torch.no_grad():
            before = model(x)
        bias = {c: v for c, v in zip(["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"],
                                     [-0.3, 0.8, 0.0, 0.1, 0.4, -0.5, -0.5])}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"bias": bias}, f)
        try:
            values = add_class_bias(model, f.name)
        finally:
            os.unlink(f.name)
        with torch.no_grad():
            after = model(x)
        np.testing.assert_allclose((after - before).numpy(), np.tile(values, (3, 1)), atol=1e-5)


if __name__ == "__main__":
    unittest.main()
