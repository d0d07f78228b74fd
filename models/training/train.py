"""Trains EmotionNet on FER-2013 (CPU is enough). Rerun: see models/README.md ("Training our emotion model").

  nice -n 19 /usr/bin/python3 models/training/train.py --out models/training/runs/NAME [--epochs N] [--subset N]

Writes to --out: train.log (one line per epoch), config.json, split.json (validation paths),
best.pt (highest validation balanced accuracy), last.pt.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from augment import augment  # noqa: E402
from data import CLASSES, load_folder, stratified_split  # noqa: E402
from net import EmotionNet  # noqa: E402
from resize import ROUND_TRIP_48  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RT = torch.from_numpy(ROUND_TRIP_48)


def to_input(images_u8: np.ndarray) -> torch.Tensor:
    """uint8 [n, 48, 48] -> [n, 1, 48, 48] in [-1, 1]."""
    return torch.from_numpy(images_u8).float().div(127.5).sub(1).unsqueeze(1)


def round_trip(x: torch.Tensor) -> torch.Tensor:
    """The 48->64 (app) ->48 (model graph) resizes, so training sees what the browser model sees."""
    return RT @ x @ RT.T


def channels_last(x: torch.Tensor) -> torch.Tensor:
    """NHWC memory layout: about 1.2-1.8x faster convolutions on CPU (oneDNN) than NCHW."""
    return x.contiguous(memory_format=torch.channels_last)


def metrics(pred: np.ndarray, labels: np.ndarray) -> tuple[float, float, list[float]]:
    recall = [float((pred[labels == c] == c).mean()) for c in range(len(CLASSES))]
    return float((pred == labels).mean()), float(np.mean(recall)), recall


@torch.no_grad()
def predict_logits(model, images_u8: np.ndarray, flip: bool = False, batch: int = 256) -> np.ndarray:
    model.eval()
    out = []
    for i in range(0, len(images_u8), batch):
        x = channels_last(round_trip(to_input(images_u8[i:i + batch])))
        logits = model(x)
        if flip:
            logits = (F.softmax(logits, 1) + F.softmax(model(channels_last(x.flip(3))), 1)).log()
        out.append(logits.numpy())
    return np.concatenate(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data", "fer2013-train"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=16)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--label-smoothing", type=float, default=0.1)
    ap.add_argument("--class-weight-power", type=float, default=0.5,
                    help="loss weight per class = (max count / count) ** power, normalized to mean 1")
    ap.add_argument("--val-fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=2013)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--subset", type=int, default=0, help="train on the first N shuffled images (smoke test)")
    ap.add_argument("--time-limit-min", type=float, default=0, help="stop after this many minutes (0: none)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    log_file = open(os.path.join(args.out, "train.log"), "a")

    def log(msg: str):
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    t0 = time.time()
    paths, images, labels = load_folder(args.data, os.path.join(HERE, "cache"))
    tr, va = stratified_split(paths, labels, args.val_fraction, args.seed)
    if args.subset:
        tr = np.random.default_rng(args.seed).permutation(tr)[: args.subset]
    counts = np.bincount(labels[tr], minlength=len(CLASSES))
    weights = (counts.max() / counts) ** args.class_weight_power
    weights = torch.tensor(weights / weights.mean(), dtype=torch.float32)
    with open(os.path.join(args.out, "split.json"), "w") as f:
        json.dump({"data": os.path.relpath(args.data, REPO), "seed": args.seed, "valFraction": args.val_fraction,
                   "validation": [paths[i] for i in va]}, f)
    model = EmotionNet().to(memory_format=torch.channels_last)
    config = dict(vars(args), params=sum(p.numel() for p in model.parameters()), widths=model.widths,
                  train_images=int(len(tr)), val_images=int(len(va)), class_weights=weights.tolist(),
                  torch=torch.__version__)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    log(f"start {json.dumps(config)} (data loaded in {time.time() - t0:.0f} s)")

    g = torch.Generator().manual_seed(args.seed)
    steps = (len(tr) + args.batch - 1) // args.batch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=steps,
                                                pct_start=0.15)
    x_tr, y_tr = to_input(images[tr]), torch.from_numpy(labels[tr])
    best, started = -1.0, time.time()
    for epoch in range(1, args.epochs + 1):
        e0 = time.time()
        model.train()
        order = torch.randperm(len(tr), generator=g)
        loss_sum, correct = 0.0, 0
        for s in range(steps):
            idx = order[s * args.batch:(s + 1) * args.batch]
            x = channels_last(round_trip(augment(x_tr[idx], g)))
            y = y_tr[idx]
            logits = model(x)
            loss = F.cross_entropy(logits, y, weight=weights, label_smoothing=args.label_smoothing)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(idx)
            correct += int((logits.argmax(1) == y).sum())
        train_s = time.time() - e0
        pred = predict_logits(model, images[va]).argmax(1)
        acc, bal, recall = metrics(pred, labels[va])
        state = {"model": model.state_dict(), "widths": model.widths, "epoch": epoch, "val_acc": acc,
                 "val_balanced": bal}
        torch.save(state, os.path.join(args.out, "last.pt"))
        mark = ""
        if bal > best:
            best = bal
            torch.save(state, os.path.join(args.out, "best.pt"))
            mark = " *best"
        log(f"epoch {epoch}/{args.epochs} loss {loss_sum / len(tr):.4f} train_acc {correct / len(tr):.4f} "
            f"val_acc {acc:.4f} val_bal {bal:.4f} "
            f"lr {sched.get_last_lr()[0]:.2e} train_s {train_s:.0f} total_s {time.time() - e0:.0f}{mark} "
            f"recall {' '.join(f'{c}={r:.3f}' for c, r in zip(CLASSES, recall))}")
        if args.time_limit_min and time.time() - started > args.time_limit_min * 60 and epoch < args.epochs:
            log(f"time limit {args.time_limit_min} min reached after epoch {epoch}; stopping (best kept)")
            break
    log(f"done in {time.time() - started:.0f} s; best val balanced accuracy {best:.4f}")
    model.load_state_dict(torch.load(os.path.join(args.out, "best.pt"))["model"])
    for flip in (False, True):
        acc, bal, recall = metrics(predict_logits(model, images[va], flip=flip).argmax(1), labels[va])
        log(f"best.pt validation{' with flip TTA' if flip else ''}: acc {acc:.4f} bal {bal:.4f} "
            f"recall {' '.join(f'{c}={r:.3f}' for c, r in zip(CLASSES, recall))}")


if __name__ == "__main__":
    main()
