"""Resumable training of the teacher networks, and their distillation into a student (issue 14); train.py (the
fer-v2 recipe) stays as it was.

  nice -n 19 /usr/bin/python3 models/training/train_teacher.py --arch vgg --run NAME --threads 2 \
      [--epochs 80] [--time-limit-min 150] [--resume] [--device cpu|cuda]
  ... --arch emotionnet --run STUDENT --teachers runs/A/teacher-fp16.pt,runs/B/teacher-fp16.pt \
      [--temperature 3] [--distill-weight 0.9]

Distillation (--teachers): the teachers (finished runs, float16 weights, eval mode) see the very batch the student
sees, after augmentation and mixup (the same view, Beyer et al. 2022), and the loss is
(1 - w) * the label loss below + w * T^2 * KL(mean of the teachers' softmax(logits / T) || softmax(student / T)).

Recipe: SGD + Nesterov momentum, linear warmup then cosine decay (per step), label smoothing, class-weighted
cross-entropy, augment.py (flip, shift/scale crop, rotation, brightness/contrast, random erasing), optional mixup.

After every epoch a checkpoint goes to --checkpoint-dir (default /work/checkpoints/NAME, outside git), written
atomically (temporary file + rename): model, optimizer, scheduler, AMP scaler, the torch/CUDA/numpy/python random
states, the augmentation generator and the mixup generator, the epoch, the best so far and the elapsed seconds.
`--resume` continues from last.pt there bit-for-bit on the CPU (same thread count; test_resume.py checks 2+2 = 4);
on CUDA it restores the same state, but cuDNN's kernels do not promise identical bits.
best.pt there holds the weights with the highest validation accuracy. A session that stops before the last epoch
also copies last.pt and best.pt into the run folder's parked/ (committed with the log), because a working period may
end with its machine: --resume on a machine without the checkpoint continues from the parked copy, bit-for-bit too,
and the finished run removes it. A run stops cleanly when --time-limit-min
would be passed: it does not start an epoch it does not expect to finish (judged by the last epoch's time), and
abandons one that overruns (the previous checkpoint stands, so nothing is corrupted; only that epoch is redone).

Run folder --out (default models/training/runs/NAME, committed): train.log (one line per epoch, and per session),
config.json, split.json; when the last epoch is done also teacher-fp16.pt (best weights in float16),
val-probs-fp16.npy (flip-averaged validation probabilities of best, in split order) and result.json (where and
how long it trained).
"""
import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import random
import shutil
import socket
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from allocator import allocator, reexec_with_jemalloc  # noqa: E402
from augment import augment  # noqa: E402
from data import CLASSES, load_folder, stratified_split  # noqa: E402
from teachers import ARCHS, build, count_macs, count_params, for_inference, load_teacher  # noqa: E402
from train import channels_last, metrics, round_trip, to_input  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CHECKPOINT_ROOT = "/work/checkpoints"
# Arguments that define the run; --resume refuses to continue a checkpoint written with different ones.
RECIPE = ("arch", "width", "data", "epochs", "batch", "lr", "momentum", "weight_decay", "warmup_epochs",
          "label_smoothing", "class_weight_power", "mixup", "erase_p", "val_fraction", "seed", "subset",
          "teachers", "temperature", "distill_weight")
# "data" is compared by content (data_key: a hash of labels.csv's rows), so a resume may use another checkout path.


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--arch", choices=ARCHS, default="vgg")
    ap.add_argument("--width", type=float, default=1.0, help="channel multiplier (tests use a small one)")
    ap.add_argument("--run", required=True, help="run name")
    ap.add_argument("--out", help="run folder (default models/training/runs/RUN)")
    ap.add_argument("--checkpoint-dir", help=f"default {CHECKPOINT_ROOT}/RUN (outside git)")
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data", "fer2013-train"))
    ap.add_argument("--cache-dir", default=os.path.join(HERE, "cache"), help="'' for no .npz cache")
    ap.add_argument("--epochs", type=int, default=80)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=0.05, help="peak learning rate (after warmup)")
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--weight-decay", type=float, default=5e-4)
    ap.add_argument("--warmup-epochs", type=float, default=2)
    ap.add_argument("--label-smoothing", type=float, default=0.1)
    ap.add_argument("--class-weight-power", type=float, default=0.5,
                    help="loss weight per class = (max count / count) ** power, normalized to mean 1")
    ap.add_argument("--mixup", type=float, default=0.0, help="mixup Beta(a, a) parameter; 0: off")
    ap.add_argument("--erase-p", type=float, default=0.5, help="fraction of images with a random-erase square")
    ap.add_argument("--teachers", default="", help="comma-separated teacher-fp16.pt files: distil them")
    ap.add_argument("--temperature", type=float, default=3.0, help="distillation temperature T")
    ap.add_argument("--distill-weight", type=float, default=0.9, help="weight w of the teachers' term")
    ap.add_argument("--val-fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=2013)
    ap.add_argument("--subset", type=int, default=0, help="train on the first N shuffled training images")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", choices=("cpu", "cuda"), default="cpu",
                    help="cuda: mixed precision (autocast + GradScaler); use a larger --batch and --lr there")
    ap.add_argument("--resume", action="store_true", help="continue from CHECKPOINT_DIR/last.pt")
    ap.add_argument("--time-limit-min", type=float, default=0, help="stop this session before this many minutes")
    ap.add_argument("--stop-after-epoch", type=int, default=0, help="end this session after this epoch (tests)")
    args = ap.parse_args(argv)
    args.out = args.out or os.path.join(HERE, "runs", args.run)
    args.checkpoint_dir = args.checkpoint_dir or os.path.join(CHECKPOINT_ROOT, args.run)
    return args


def recipe_changes(saved: dict, args) -> dict:
    """Recipe arguments that differ from a checkpoint's (was, now); arguments newer than it count as their default."""
    defaults = vars(parse_args(["--run", "defaults"]))
    return {k: (saved.get(k, defaults[k]), getattr(args, k)) for k in RECIPE
            if k != "data" and saved.get(k, defaults[k]) != getattr(args, k)}


def distill_loss(logits: torch.Tensor, teacher_probs: torch.Tensor, temperature: float) -> torch.Tensor:
    """T^2 * KL(teachers || student) at temperature T, averaged over the batch (Hinton et al. 2015)."""
    log_student = F.log_softmax(logits.float() / temperature, 1)
    return F.kl_div(log_student, teacher_probs, reduction="batchmean") * temperature ** 2


@torch.no_grad()
def soft_targets(teachers: list, x: torch.Tensor, temperature: float) -> torch.Tensor:
    """The teachers' mean softened probabilities on the batch the student sees."""
    return torch.stack([F.softmax(t(x).float() / temperature, 1) for t in teachers]).mean(0)


def atomic_save(obj, path: str):
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        torch.save(obj, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


CHECKPOINT_FILES = ("last.pt", "best.pt")


def park(checkpoint_dir: str, parked_dir: str):
    """Copies the checkpoint into the run folder, which is committed: the next session may run on another machine."""
    os.makedirs(parked_dir, exist_ok=True)
    for name in CHECKPOINT_FILES:
        copy_atomic(os.path.join(checkpoint_dir, name), os.path.join(parked_dir, name))


def unpark(parked_dir: str, checkpoint_dir: str):
    for name in CHECKPOINT_FILES:
        copy_atomic(os.path.join(parked_dir, name), os.path.join(checkpoint_dir, name))


def copy_atomic(src: str, dst: str):
    tmp = f"{dst}.tmp{os.getpid()}"
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def where(args) -> str:
    if args.device == "cuda":
        return f"{torch.cuda.get_device_name(0)} (cuda, mixed precision)"
    return f"{cpu_name()}, {args.threads} threads (cpu, {allocator()} malloc)"


def lr_factor(step: int, warmup: int, total: int) -> float:
    """Linear warmup from ~0 to 1 over `warmup` steps, then cosine decay to 0 at `total`."""
    if step < warmup:
        return (step + 1) / warmup
    return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))


@torch.no_grad()
def predict_probs(model, images_u8: np.ndarray, device: str, flip: bool = False, batch: int = 512) -> np.ndarray:
    model.eval()
    out = []
    for i in range(0, len(images_u8), batch):
        x = channels_last(round_trip(to_input(images_u8[i:i + batch]))).to(device)
        with autocast(device):
            p = F.softmax(model(x).float(), 1)
            if flip:
                p = (p + F.softmax(model(x.flip(3)).float(), 1)) / 2
        out.append(p.cpu().numpy())
    return np.concatenate(out)


def autocast(device: str):
    return torch.autocast(device_type="cuda", dtype=torch.float16) if device == "cuda" else contextlib.nullcontext()


def rng_states(g: torch.Generator, mix_rng: np.random.Generator) -> dict:
    return {"torch": torch.get_rng_state(), "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
            "numpy": np.random.get_state(), "python": random.getstate(), "augment": g.get_state(),
            "mixup": mix_rng.bit_generator.state}


def set_rng_states(s: dict, g: torch.Generator, mix_rng: np.random.Generator):
    torch.set_rng_state(s["torch"])
    if s["cuda"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(s["cuda"])
    np.random.set_state(s["numpy"])
    random.setstate(s["python"])
    g.set_state(s["augment"])
    mix_rng.bit_generator.state = s["mixup"]


def main(argv=None) -> int:
    args = parse_args(argv)
    session_start = time.time()
    if args.device == "cuda":
        if not torch.cuda.is_available():
            sys.exit("--device cuda: no CUDA device visible to torch")
        torch.backends.cudnn.benchmark = True  # fastest kernels; a CUDA resume is then exact in state, not in bits
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.checkpoint_dir, exist_ok=True)
    last_path = os.path.join(args.checkpoint_dir, "last.pt")
    best_path = os.path.join(args.checkpoint_dir, "best.pt")
    log_file = open(os.path.join(args.out, "train.log"), "a")

    def log(msg: str):
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    ckpt = None
    if not args.resume and os.path.exists(last_path):
        sys.exit(f"{last_path} exists: add --resume to continue it, or remove it to start afresh")
    parked_dir = os.path.join(args.out, "parked")
    if args.resume:
        if not os.path.exists(last_path) and os.path.exists(os.path.join(parked_dir, "last.pt")):
            unpark(parked_dir, args.checkpoint_dir)
            log(f"--resume: no checkpoint in {args.checkpoint_dir}; continuing from the parked copy in {parked_dir}")
        if not os.path.exists(last_path):
            sys.exit(f"--resume: no checkpoint at {last_path} (nor a parked one in {parked_dir})")
        ckpt = torch.load(last_path, map_location="cpu")
        diff = recipe_changes(ckpt["args"], args)
        if diff:
            sys.exit(f"--resume: recipe differs from the checkpoint's (was, now): {diff}")
        for k in ("threads", "device"):
            if ckpt["args"][k] != getattr(args, k):
                print(f"warning: --{k} {getattr(args, k)} differs from the checkpoint's ({ckpt['args'][k]}); "
                      "the run continues but is no longer bit-for-bit the uninterrupted one", file=sys.stderr)

    t0 = time.time()
    paths, images, labels = load_folder(args.data, args.cache_dir or None)
    data_key = hashlib.sha256(repr(list(zip(paths, labels.tolist()))).encode()).hexdigest()[:16]
    if ckpt is not None and ckpt.get("data_key", data_key) != data_key:
        sys.exit(f"--resume: {args.data} holds other images than the checkpoint's data ({ckpt['args']['data']})")
    tr, va = stratified_split(paths, labels, args.val_fraction, args.seed)
    if args.subset:
        tr = np.random.default_rng(args.seed).permutation(tr)[: args.subset]
    counts = np.bincount(labels[tr], minlength=len(CLASSES))
    weights = (counts.max() / np.maximum(counts, 1)) ** args.class_weight_power
    weights = torch.tensor(weights / weights.mean(), dtype=torch.float32).to(args.device)

    model = build(args.arch, args.width)
    params, macs = count_params(model), count_macs(model)
    teachers = [for_inference(load_teacher(path, args.device), args.device)
                for path in args.teachers.split(",") if path]
    model = model.to(args.device, memory_format=torch.channels_last)
    steps = (len(tr) + args.batch - 1) // args.batch
    total_steps, warmup_steps = steps * args.epochs, max(1, round(steps * args.warmup_epochs))
    decay, no_decay = [], []
    for p in model.parameters():
        (decay if p.ndim > 1 else no_decay).append(p)  # no weight decay on BatchNorm and biases
    opt = torch.optim.SGD([{"params": decay, "weight_decay": args.weight_decay},
                           {"params": no_decay, "weight_decay": 0.0}],
                          lr=args.lr, momentum=args.momentum, nesterov=True)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: lr_factor(s, warmup_steps, total_steps))
    scaler = torch.cuda.amp.GradScaler(enabled=args.device == "cuda")
    g = torch.Generator().manual_seed(args.seed)
    mix_rng = np.random.default_rng(args.seed + 1)
    state = {"epoch": 0, "best": {"val_acc": -1.0, "val_bal": -1.0, "epoch": 0}, "elapsed_s": 0.0,
             "last_epoch_s": 0.0, "sessions": []}

    if ckpt is None:
        with open(os.path.join(args.out, "split.json"), "w") as f:
            json.dump({"data": os.path.relpath(args.data, REPO), "seed": args.seed, "valFraction": args.val_fraction,
                       "validation": [paths[i] for i in va]}, f)
        config = dict(vars(args), params=params, macs=macs, train_images=int(len(tr)), val_images=int(len(va)),
                      class_weights=weights.tolist(), steps_per_epoch=steps, torch=torch.__version__)
        with open(os.path.join(args.out, "config.json"), "w") as f:
            json.dump(config, f, indent=1)
        log(f"start {json.dumps(config)}")
    else:
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        scaler.load_state_dict(ckpt["scaler"])
        set_rng_states(ckpt["rng"], g, mix_rng)
        state = {k: ckpt[k] for k in state}
    session = {"host": socket.gethostname(), "where": where(args), "threads": args.threads, "device": args.device,
               "first_epoch": state["epoch"] + 1, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    log(f"session {len(state['sessions']) + 1}: {'resume after epoch ' + str(state['epoch']) if ckpt else 'fresh'}, "
        f"{args.arch} width {args.width} params {params} macs {macs}, {len(tr)} train / {len(va)} val images, "
        f"{session['where']}, pid {os.getpid()}, time limit {args.time_limit_min} min, checkpoints "
        f"{args.checkpoint_dir} (data loaded in {time.time() - t0:.0f} s)")
    limit_s = args.time_limit_min * 60

    def over_limit() -> bool:
        return bool(limit_s) and time.time() - session_start > limit_s

    x_tr, y_tr = to_input(images[tr]), torch.from_numpy(labels[tr])
    stop_reason, session_trained_s = "", 0.0
    while state["epoch"] < args.epochs:
        epoch = state["epoch"] + 1
        if limit_s and state["last_epoch_s"] and time.time() - session_start + state["last_epoch_s"] > limit_s:
            stop_reason = (f"time limit: {args.time_limit_min} min would be passed by epoch {epoch} "
                           f"(last epoch took {state['last_epoch_s']:.0f} s)")
            break
        e0 = time.time()
        model.train()
        order = torch.randperm(len(tr), generator=g)
        loss_sum, correct, abandoned = 0.0, 0, False
        for s in range(steps):
            if over_limit():
                abandoned = True
                break
            idx = order[s * args.batch:(s + 1) * args.batch]
            x = channels_last(round_trip(augment(x_tr[idx], g, erase_p=args.erase_p))).to(args.device)
            y = y_tr[idx].to(args.device)
            with autocast(args.device):
                if args.mixup > 0:
                    lam = float(mix_rng.beta(args.mixup, args.mixup))
                    perm = torch.randperm(len(idx), generator=g).to(args.device)
                    x = lam * x + (1 - lam) * x[perm]
                    logits = model(x)
                    ce = lambda t: F.cross_entropy(logits.float(), t, weight=weights,  # noqa: E731
                                                   label_smoothing=args.label_smoothing)
                    loss = lam * ce(y) + (1 - lam) * ce(y[perm])
                else:
                    logits = model(x)
                    loss = F.cross_entropy(logits.float(), y, weight=weights, label_smoothing=args.label_smoothing)
                if teachers:
                    kd = distill_loss(logits, soft_targets(teachers, x, args.temperature), args.temperature)
                    loss = (1 - args.distill_weight) * loss + args.distill_weight * kd
            opt.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            loss_sum += loss.item() * len(idx)
            correct += int((logits.argmax(1) == y).sum())
        if abandoned:
            stop_reason = (f"time limit: {args.time_limit_min} min passed during epoch {epoch}; that epoch is "
                           f"abandoned and --resume redoes it from the checkpoint of epoch {state['epoch']}")
            break
        train_s = time.time() - e0
        probs = predict_probs(model, images[va], args.device)
        acc, bal, recall = metrics(probs.argmax(1), labels[va])
        epoch_s = time.time() - e0
        state["epoch"], state["last_epoch_s"] = epoch, epoch_s
        state["elapsed_s"] += epoch_s
        session_trained_s += epoch_s
        mark = ""
        if acc > state["best"]["val_acc"]:
            state["best"] = {"val_acc": acc, "val_bal": bal, "epoch": epoch}
            atomic_save({"model": model.state_dict(), "arch": args.arch, "width": args.width, "epoch": epoch,
                         "val_acc": acc, "val_bal": bal}, best_path)
            mark = " *best"
        atomic_save({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                     "scaler": scaler.state_dict(), "rng": rng_states(g, mix_rng), "args": vars(args),
                     "data_key": data_key,
                     "sessions": state["sessions"] + [
                         dict(session, last_epoch=epoch, trained_s=round(session_trained_s))],
                     **{k: state[k] for k in ("epoch", "best", "elapsed_s", "last_epoch_s")}}, last_path)
        log(f"epoch {epoch}/{args.epochs} loss {loss_sum / len(tr):.4f} train_acc {correct / len(tr):.4f} "
            f"val_acc {acc:.4f} val_bal {bal:.4f} lr {sched.get_last_lr()[0]:.3e} train_s {train_s:.0f} "
            f"epoch_s {epoch_s:.0f} threads {args.threads} device {args.device}{mark} "
            f"recall {' '.join(f'{c}={r:.3f}' for c, r in zip(CLASSES, recall))}")
        if args.stop_after_epoch and epoch >= args.stop_after_epoch and epoch < args.epochs:
            stop_reason = f"--stop-after-epoch {args.stop_after_epoch}"
            break

    if state["epoch"] < args.epochs:
        again = "the same command plus --resume" if state["epoch"] else "the same command (no checkpoint yet)"
        if state["epoch"]:
            park(args.checkpoint_dir, parked_dir)
        log(f"stopped after epoch {state['epoch']}/{args.epochs} ({stop_reason}); session "
            f"{time.time() - session_start:.0f} s, trained {state['elapsed_s']:.0f} s in all; continue with {again}"
            f"{f' (parked in {parked_dir})' if state['epoch'] else ''}")
        return 0
    shutil.rmtree(parked_dir, ignore_errors=True)

    best = torch.load(best_path, map_location="cpu")
    model.load_state_dict(best["model"])
    torch.save({"model": {k: v.half() if v.is_floating_point() else v for k, v in best["model"].items()},
                "arch": args.arch, "width": args.width, "epoch": best["epoch"]},
               os.path.join(args.out, "teacher-fp16.pt"))
    lines = {}
    for flip in (False, True):
        probs = predict_probs(model, images[va], args.device, flip=flip)
        acc, bal, recall = metrics(probs.argmax(1), labels[va])
        lines[flip] = {"acc": acc, "bal": bal, "recall": dict(zip(CLASSES, recall))}
        log(f"best.pt (epoch {best['epoch']}) validation{' with flip TTA' if flip else ''}: acc {acc:.4f} "
            f"bal {bal:.4f} recall {' '.join(f'{c}={r:.3f}' for c, r in zip(CLASSES, recall))}")
    np.save(os.path.join(args.out, "val-probs-fp16.npy"), probs.astype(np.float16))
    sessions = torch.load(last_path, map_location="cpu")["sessions"]
    result = {"arch": args.arch, "width": args.width, "params": params, "macs": macs, "epochs": args.epochs,
              "best_epoch": best["epoch"], "validation": lines[False], "validation_flip": lines[True],
              "trained_s": round(state["elapsed_s"]), "sessions": sessions, "torch": torch.__version__}
    with open(os.path.join(args.out, "result.json"), "w") as f:
        json.dump(result, f, indent=1)
    log(f"done: {args.epochs} epochs, trained {state['elapsed_s']:.0f} s over {len(sessions)} session(s); "
        f"weights in {os.path.join(args.out, 'teacher-fp16.pt')}")
    return 0


if __name__ == "__main__":
    reexec_with_jemalloc()
    sys.exit(main())
