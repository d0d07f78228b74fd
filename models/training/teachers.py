"""Teacher networks for FER-2013 (issue 14): larger than the shipped student, trained only to be distilled.

Input to forward(): [n, 1, 48, 48] in [-1, 1] (after the 64->48 round trip, as for EmotionNet). Output: logits [n, 7].
Not exported to TF.js, so any torch op is fine.

- VGGTeacher: four stages of two 3x3 conv+BN+ReLU at 48, 24, 12, 6 px, 2x2 max pool after each, then global mean,
  dropout, linear. Default widths (32, 64, 128, 256): about 1.2 M parameters, 117 M multiply-adds.
- ResNetTeacher: 3x3 stem conv at 48 px, then basic residual blocks (two 3x3 convs, 1x1 projection shortcut where
  the shape changes); the first block of each stage has stride 2 (48 -> 24 -> 12 -> 6). Default widths
  (32, 64, 128, 256), blocks (1, 1, 2): about 2.4 M parameters, 142 M multiply-adds.

`build(arch, width)` makes one by name; `count_macs(model)` counts conv/linear multiply-adds with forward hooks;
`load_teacher(path)` loads a finished one (runs/<run>/teacher-fp16.pt) for distillation.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from net import EmotionNet


def conv_bn(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class VGGTeacher(nn.Module):
    def __init__(self, widths=(32, 64, 128, 256), classes: int = 7, dropout: float = 0.3):
        super().__init__()
        self.widths = tuple(widths)
        layers, cin = [], 1
        for w in widths:
            layers += [conv_bn(cin, w), conv_bn(w, w), nn.MaxPool2d(2)]
            cin = w
        self.features = nn.Sequential(*layers)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        return self.fc(self.drop(self.features(x).mean(dim=(2, 3))))


class BasicBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.short is None else self.short(x)))


class ResNetTeacher(nn.Module):
    def __init__(self, widths=(32, 64, 128, 256), blocks=(1, 1, 2), classes: int = 7, dropout: float = 0.3):
        super().__init__()
        self.widths, self.blocks = tuple(widths), tuple(blocks)
        self.stem = conv_bn(1, widths[0])
        layers, cin = [], widths[0]
        for w, n in zip(widths[1:], blocks):
            for i in range(n):
                layers.append(BasicBlock(cin, w, stride=2 if i == 0 else 1))
                cin = w
        self.layers = nn.Sequential(*layers)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        return self.fc(self.drop(self.layers(self.stem(x)).mean(dim=(2, 3))))


ARCHS = ("emotionnet", "vgg", "resnet")


def build(arch: str, width: float = 1.0) -> nn.Module:
    """arch in ARCHS; width scales every channel count (tests use a small one)."""
    scale = lambda ws: tuple(max(4, int(round(w * width))) for w in ws)  # noqa: E731
    if arch == "vgg":
        return VGGTeacher(scale((32, 64, 128, 256)))
    if arch == "resnet":
        return ResNetTeacher(scale((32, 64, 128, 256)))
    if arch == "emotionnet":
        return EmotionNet(scale((32, 48, 96, 192, 192)))
    raise ValueError(f"unknown arch {arch!r}; one of {ARCHS}")


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@torch.no_grad()
def count_macs(model: nn.Module, size: int = 48) -> int:
    """Multiply-adds of one [1, 1, size, size] forward pass: Conv2d (per group) and Linear; BN/ReLU/pool ignored."""
    total = 0

    def hook(m, inputs, out):
        nonlocal total
        if isinstance(m, nn.Conv2d):
            total += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            total += out.numel() * m.in_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = model.training
    model.eval()
    try:
        model(torch.zeros(1, 1, size, size))
    finally:
        model.train(was_training)
        for h in handles:
            h.remove()
    return total


def load_teacher(path: str, device: str = "cpu") -> nn.Module:
    """A finished teacher from runs/<run>/teacher-fp16.pt (or a best.pt checkpoint), in float32 eval mode."""
    ckpt = torch.load(path, map_location="cpu")
    model = build(ckpt["arch"], ckpt["width"])
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ckpt["model"].items()})
    return model.to(device).eval()


def for_inference(teacher: nn.Module, device: str = "cpu") -> nn.Module:
    """On CPU, the teacher traced, frozen and optimized for inference (BatchNorm folded into its convolutions,
    oneDNN layouts): the same outputs to about 1e-6, about 2.8 times faster on the 2-core machine (teacher-vgg1
    666 -> 264 ms, teacher-resnet1 511 -> 154 ms a 128-image batch), and the teachers are most of a distillation
    step. On CUDA it is left as it is (autocast already runs it in float16)."""
    if device != "cpu":
        return teacher
    example = torch.zeros(2, 1, 48, 48).contiguous(memory_format=torch.channels_last)
    with torch.no_grad():
        return torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(teacher.eval(), example)))
