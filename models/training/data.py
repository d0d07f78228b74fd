"""FER-2013 folders (labels.csv: path,label) as uint8 arrays, with a deterministic stratified split."""
import csv
import hashlib
import os

import numpy as np
from PIL import Image

# FER-2013 order, as the app's EMOTIONS.
CLASSES = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]


def read_labels(folder: str) -> list[tuple[str, int]]:
    with open(os.path.join(folder, "labels.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    return [(r["path"], CLASSES.index(r["label"])) for r in rows]


def load_folder(folder: str, cache_dir: str | None = None):
    """Returns (paths, images uint8 [n, 48, 48], labels int64 [n]); cached as .npz keyed by labels.csv."""
    rows = read_labels(folder)
    key = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    cache = os.path.join(cache_dir, f"{os.path.basename(os.path.normpath(folder))}-{key}.npz") if cache_dir else None
    if cache and os.path.exists(cache):
        z = np.load(cache)
        return [p for p, _ in rows], z["images"], z["labels"]
    images = np.zeros((len(rows), 48, 48), dtype=np.uint8)
    for i, (p, _) in enumerate(rows):
        with Image.open(os.path.join(folder, p)) as im:
            im = im.convert("L")
            if im.size != (48, 48):
                im = im.resize((48, 48), Image.BILINEAR)
            images[i] = np.asarray(im)
    labels = np.array([c for _, c in rows], dtype=np.int64)
    if cache:
        os.makedirs(cache_dir, exist_ok=True)
        np.savez(cache, images=images, labels=labels)
    return [p for p, _ in rows], images, labels


def stratified_split(paths: list[str], labels: np.ndarray, fraction: float, seed: int):
    """Per class: sort paths, shuffle with the seed, hold out round(fraction * count). Returns index arrays."""
    rng = np.random.default_rng(seed)
    val = []
    for c in range(len(CLASSES)):
        idx = sorted(np.flatnonzero(labels == c), key=lambda i: paths[i])
        idx = np.array(idx)[rng.permutation(len(idx))]
        val.extend(idx[: round(fraction * len(idx))].tolist())
    val = np.array(sorted(val))
    train = np.setdiff1d(np.arange(len(paths)), val)
    return train, val
