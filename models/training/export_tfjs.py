"""Writes a trained EmotionNet checkpoint as a TF.js graph model (float32) plus test vectors.

  /usr/bin/python3 models/training/export_tfjs.py CHECKPOINT OUT_DIR [--vectors FILE --count 64] [--class-bias JSON]

CHECKPOINT: train.py's best.pt, or the teacher-fp16.pt of a train_teacher.py run of --arch emotionnet (a
distilled student; its validation figures come from the run's result.json).

The graph takes the app's input, [n, 64, 64, 1] grayscale in [-1, 1], resizes it to 48x48 (ResizeBilinear,
half_pixel_centers) and returns softmax probabilities [n, 7] in FER order. BatchNorm is folded into the convs.
Test vectors: validation images (48x48 uint8, base64) with the torch probabilities for the same input path
the app uses (tf.image.resizeBilinear 48->64, then the graph).
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import CLASSES, load_folder  # noqa: E402
from net import Block, ConvBN, EmotionNet, SepConvBN  # noqa: E402
from resize import DOWN_64_48, UP_48_64  # noqa: E402
from teachers import build  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
B64 = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
DT_FLOAT = {"type": "DT_FLOAT"}


def shape_attr(shape):
    return {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": str(d)} for d in shape]}}}


class GraphWriter:
    def __init__(self):
        self.nodes, self.weights, self.arrays = [], [], []

    def const(self, name: str, array: np.ndarray) -> str:
        dtype = "int32" if array.dtype == np.int32 else "float32"
        tf_dtype = "DT_INT32" if dtype == "int32" else "DT_FLOAT"
        self.nodes.append({"name": name, "op": "Const", "attr": {
            "value": {"tensor": {"dtype": tf_dtype, "tensorShape": {"dim": [{"size": str(d)} for d in array.shape]}}},
            "dtype": {"type": tf_dtype}}})
        self.weights.append({"name": name, "shape": list(array.shape), "dtype": dtype})
        self.arrays.append(np.ascontiguousarray(array, dtype=np.int32 if dtype == "int32" else np.float32))
        return name

    def op(self, name: str, op: str, inputs: list[str], attr: dict) -> str:
        self.nodes.append({"name": name, "op": op, "input": inputs, "attr": {"T": DT_FLOAT, **attr}})
        return name

    def conv(self, name: str, x: str, w: np.ndarray, b: np.ndarray, stride: int, relu: bool) -> str:
        """w: TF layout [kh, kw, in, out]."""
        fused = ["BiasAdd", "Relu"] if relu else ["BiasAdd"]
        return self.op(name, "_FusedConv2D", [x, self.const(f"{name}/weights", w), self.const(f"{name}/bias", b)], {
            "fused_ops": {"list": {"s": [B64(f) for f in fused]}}, "num_args": {"i": "1"},
            "data_format": {"s": B64("NHWC")}, "padding": {"s": B64("SAME")}, "epsilon": {"f": 0},
            "strides": {"list": {"i": ["1", str(stride), str(stride), "1"]}},
            "dilations": {"list": {"i": ["1", "1", "1", "1"]}}, "explicit_paddings": {"list": {}}})

    def depthwise(self, name: str, x: str, w: np.ndarray) -> str:
        return self.op(name, "DepthwiseConv2dNative", [x, self.const(f"{name}/weights", w)], {
            "data_format": {"s": B64("NHWC")}, "padding": {"s": B64("SAME")},
            "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "dilations": {"list": {"i": ["1", "1", "1", "1"]}},
            "explicit_paddings": {"list": {}}})


def fold(m: ConvBN) -> tuple[np.ndarray, np.ndarray]:
    """Conv + eval-mode BatchNorm as one conv: TF filter [kh, kw, in, out] and bias [out]."""
    bn = m.bn
    scale = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach()
    w = m.conv.weight.detach() * scale.view(-1, 1, 1, 1)
    b = (bn.bias - bn.running_mean * scale).detach()
    return w.permute(2, 3, 1, 0).numpy(), b.numpy()


def depthwise_filter(conv: torch.nn.Conv2d) -> np.ndarray:
    return conv.weight.detach().permute(2, 3, 0, 1).numpy()  # [C, 1, kh, kw] -> [kh, kw, C, 1]


def build_graph(model: EmotionNet) -> GraphWriter:
    g = GraphWriter()
    g.nodes.append({"name": "input_1", "op": "Placeholder", "attr": {
        "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "64"}, {"size": "64"}, {"size": "1"}]}},
        "dtype": DT_FLOAT}})
    x = g.op("resize48", "ResizeBilinear", ["input_1", g.const("resize48/size", np.array([48, 48], np.int32))],
             {"align_corners": {"b": False}, "half_pixel_centers": {"b": True}})
    x = g.conv("stem1", x, *fold(model.stem1), stride=1, relu=True)
    x = g.conv("stem2", x, *fold(model.stem2), stride=2, relu=True)

    def sep(name: str, x: str, m: SepConvBN, relu: bool) -> str:
        x = g.depthwise(f"{name}/depthwise", x, depthwise_filter(m.dw))
        return g.conv(f"{name}/pointwise", x, *fold(m.pw), stride=1, relu=relu)

    for name in ("block1", "block2", "block3"):
        blk: Block = getattr(model, name)
        y = sep(f"{name}/sep2", sep(f"{name}/sep1", x, blk.sep1, True), blk.sep2, False)
        if blk.pool:
            y = g.op(f"{name}/pool", "MaxPool", [y], {
                "ksize": {"list": {"i": ["1", "2", "2", "1"]}}, "strides": {"list": {"i": ["1", "2", "2", "1"]}},
                "padding": {"s": B64("VALID")}, "data_format": {"s": B64("NHWC")}})
        short = x if blk.short is None else g.conv(f"{name}/shortcut", x, *fold(blk.short),
                                                   stride=2 if blk.pool else 1, relu=False)
        y = g.op(f"{name}/add", "AddV2", [y, short], {})
        x = g.op(f"{name}/relu", "Relu", [y], {})
    head_w = model.head.weight.detach().permute(2, 3, 1, 0).numpy()
    x = g.conv("head", x, head_w, model.head.bias.detach().numpy(), stride=1, relu=False)
    x = g.op("mean", "Mean", [x, g.const("mean/axes", np.array([1, 2], np.int32))],
             {"Tidx": {"type": "DT_INT32"}, "keep_dims": {"b": False}})
    x = g.op("softmax", "Softmax", [x], {})
    g.op("Identity", "Identity", [x], {})
    return g


def write_model(model: EmotionNet, out_dir: str, meta: dict) -> None:
    g = build_graph(model)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        for a in g.arrays:
            f.write(a.astype(a.dtype.newbyteorder("<")).tobytes())
    spec = {"name": "input_1:0", "dtype": "DT_FLOAT",
            "tensorShape": {"dim": [{"size": "-1"}, {"size": "64"}, {"size": "64"}, {"size": "1"}]}}
    out = {"name": "Identity:0", "dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "-1"}, {"size": "7"}]}}
    model_json = {
        "format": "graph-model", "generatedBy": "emotion-detector models/training (PyTorch)",
        "convertedBy": "models/training/export_tfjs.py",
        "userDefinedMetadata": {"signature": {"inputs": {"input_1:0": spec}, "outputs": {"Identity:0": out}},
                                "training": meta},
        "modelTopology": {"node": g.nodes, "library": {}, "versions": {"producer": 1}},
        "weightsManifest": [{"paths": ["weights.bin"], "weights": g.weights}],
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(model_json, f, separators=(",", ":"))


def test_vectors(model: EmotionNet, data: str, split: str, count: int) -> dict:
    """The first `count` validation images (in split.json order) and torch's probabilities for them."""
    paths, images, labels = load_folder(data, os.path.join(HERE, "cache"))
    index = {p: i for i, p in enumerate(paths)}
    with open(split) as f:
        chosen = [index[p] for p in json.load(f)["validation"][:count]]
    up = torch.from_numpy(UP_48_64.astype(np.float32))
    down = torch.from_numpy(DOWN_64_48.astype(np.float32))
    x48 = torch.from_numpy(images[chosen]).float().div(127.5).sub(1).unsqueeze(1)
    with torch.no_grad():
        probs = torch.softmax(model(down @ (up @ x48 @ up.T) @ down.T), 1).numpy()
    return {"classes": CLASSES, "size": 48, "images": [
        {"path": paths[i], "label": CLASSES[labels[i]], "pixels": base64.b64encode(images[i].tobytes()).decode(),
         "probabilities": [round(float(v), 7) for v in p]} for i, p in zip(chosen, probs)]}


def load_checkpoint(path: str) -> tuple[EmotionNet, dict]:
    """The model in eval mode and the facts the export records (epoch, validation figures, widths)."""
    state = torch.load(path, map_location="cpu")
    if "widths" in state:  # train.py
        model = EmotionNet(tuple(state["widths"]))
        model.load_state_dict(state["model"])
        acc, bal = state["val_acc"], state["val_balanced"]
    else:  # train_teacher.py: float16 weights, figures in the run's result.json
        if state.get("arch") != "emotionnet":
            sys.exit(f"{path}: a {state.get('arch')} network, not an EmotionNet: only the student is exported")
        model = build("emotionnet", state["width"])
        model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state["model"].items()})
        with open(os.path.join(os.path.dirname(os.path.abspath(path)), "result.json")) as f:
            validation = json.load(f)["validation"]
        acc, bal = validation["acc"], validation["bal"]
    model.eval()
    meta = {"checkpoint": os.path.basename(path), "epoch": state["epoch"], "valAccuracy": round(acc, 4),
            "valBalancedAccuracy": round(bal, 4), "widths": list(model.widths)}
    return model, meta


def add_class_bias(model: EmotionNet, path: str) -> list[float]:
    """Logits are the spatial mean of the 1x1 head, so a bias on the head's output is exactly a bias on the logits;
    the test vectors are computed after this, so they check the folded graph."""
    with open(path) as f:
        bias = json.load(f)["bias"]
    values = [float(bias[c]) for c in CLASSES]
    with torch.no_grad():
        model.head.bias.add_(torch.tensor(values))
    return values


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint")
    ap.add_argument("out_dir")
    ap.add_argument("--vectors", help="write test vectors (JSON) here")
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--class-bias", help="class_bias.py's JSON: its per-class logit bias is folded into the head")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data", "fer2013-train"))
    args = ap.parse_args()
    model, meta = load_checkpoint(args.checkpoint)
    if args.class_bias:
        meta["classBias"] = add_class_bias(model, args.class_bias)
    run_dir = os.path.dirname(os.path.abspath(args.checkpoint))
    write_model(model, args.out_dir, meta)
    if args.vectors:
        with open(args.vectors, "w") as f:
            json.dump(test_vectors(model, args.data, os.path.join(run_dir, "split.json"), args.count), f)
            f.write("\n")
    print(f"wrote {args.out_dir} (epoch {meta['epoch']}, val acc {meta['valAccuracy']:.4f}, "
          f"balanced {meta['valBalancedAccuracy']:.4f})")


if __name__ == "__main__":
    main()
