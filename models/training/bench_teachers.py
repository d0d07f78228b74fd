"""Parameters, multiply-adds and measured seconds per epoch of the teacher candidates (issue 14).

  nice -n 19 /usr/bin/python3 models/training/bench_teachers.py [--archs vgg resnet] [--steps 20] [--threads 2]

Times --steps training steps of the real recipe (augment + round trip + forward/backward + SGD, batch 128, channels
last, under jemalloc like the trainer: allocator.py) after 3 warm-up steps, and one validation pass of 2,872 images,
then extrapolates to one epoch of the 25,837 training images. Prints one JSON line per arch, with the machine's load average before and after.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from allocator import allocator, reexec_with_jemalloc  # noqa: E402
from augment import augment  # noqa: E402
from teachers import build, count_macs, count_params  # noqa: E402
from train import channels_last, round_trip  # noqa: E402
from train_teacher import cpu_name  # noqa: E402

TRAIN_IMAGES, VAL_IMAGES = 25837, 2872


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--archs", nargs="+", default=["vgg", "resnet"])
    ap.add_argument("--width", type=float, default=1.0)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)
    x_all = torch.rand(args.batch * 4, 1, 48, 48, generator=g) * 2 - 1
    y_all = torch.randint(0, 7, (args.batch * 4,), generator=g)
    for arch in args.archs:
        model = build(arch, args.width)
        params, macs = count_params(model), count_macs(model)
        model = model.to(memory_format=torch.channels_last)
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
        load0 = os.getloadavg()[0]
        times = []
        model.train()
        for s in range(args.steps + 3):
            t = time.time()
            i = (s % 4) * args.batch
            x = channels_last(round_trip(augment(x_all[i:i + args.batch], g)))
            loss = F.cross_entropy(model(x), y_all[i:i + args.batch], label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if s >= 3:
                times.append(time.time() - t)
        model.eval()
        t = time.time()
        with torch.no_grad():
            for i in range(0, VAL_IMAGES, 512):
                model(channels_last(torch.zeros(min(512, VAL_IMAGES - i), 1, 48, 48)))
        val_s = time.time() - t
        step_s = sorted(times)[len(times) // 2]
        steps = (TRAIN_IMAGES + args.batch - 1) // args.batch
        print(json.dumps({"arch": arch, "width": args.width, "params": params, "macs": macs,
                          "step_s_median": round(step_s, 3), "step_s_mean": round(sum(times) / len(times), 3),
                          "val_s": round(val_s, 1), "epoch_s_est": round(step_s * steps + val_s),
                          "threads": args.threads, "batch": args.batch, "cpu": cpu_name(), "malloc": allocator(),
                          "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2),
                          "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    reexec_with_jemalloc()  # as the trainer runs; TRAIN_ALLOCATOR=system measures glibc's malloc
    main()
