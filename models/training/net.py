"""A compact Xception-style CNN for 48x48 grayscale faces (FER-2013), exportable to TF.js graph ops.

Input to forward(): [n, 1, 48, 48] in [-1, 1] (already through the 64->48 resize; see resize.py).
Ops used are those the TF.js converter executes: Conv2D(+BiasAdd+Relu, BN folded), DepthwiseConv2dNative,
AddV2, MaxPool (2x2, VALID), Mean, Softmax. Stride-2 3x3 convs pad (0,1,0,1) to match TF 'SAME'.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBN(nn.Module):
    """k x k conv (no bias) + BatchNorm, optional ReLU; stride 2 uses TF-style SAME padding."""

    def __init__(self, cin: int, cout: int, k: int = 3, stride: int = 1, relu: bool = True):
        super().__init__()
        self.k, self.stride, self.relu = k, stride, relu
        pad = k // 2 if stride == 1 else 0
        self.conv = nn.Conv2d(cin, cout, k, stride, pad, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        if self.stride == 2 and self.k == 3:
            x = F.pad(x, (0, 1, 0, 1))
        x = self.bn(self.conv(x))
        return F.relu(x) if self.relu else x


class SepConvBN(nn.Module):
    """Depthwise 3x3 (no bias, no BN) then pointwise 1x1 + BN, optional ReLU."""

    def __init__(self, cin: int, cout: int, relu: bool):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, 1, 1, groups=cin, bias=False)
        self.pw = ConvBN(cin, cout, k=1, relu=relu)

    def forward(self, x):
        return self.pw(self.dw(x))


class Block(nn.Module):
    """Xception residual block: two separable convs (+ 2x2 max pool), 1x1 shortcut (stride 2 if pooled)."""

    def __init__(self, cin: int, cout: int, pool: bool):
        super().__init__()
        self.pool = pool
        self.sep1 = SepConvBN(cin, cout, relu=True)
        self.sep2 = SepConvBN(cout, cout, relu=False)
        same = cin == cout and not pool
        self.short = None if same else ConvBN(cin, cout, k=1, stride=2 if pool else 1, relu=False)

    def forward(self, x):
        y = self.sep2(self.sep1(x))
        if self.pool:
            y = F.max_pool2d(y, 2)
        return F.relu(y + (x if self.short is None else self.short(x)))


class EmotionNet(nn.Module):
    def __init__(self, widths=(32, 48, 96, 192, 192), classes: int = 7, dropout: float = 0.3):
        super().__init__()
        w0, w1, w2, w3, w4 = widths
        self.widths = widths
        self.stem1 = ConvBN(1, w0)  # 48x48
        self.stem2 = ConvBN(w0, w1, stride=2)  # -> 24x24
        self.block1 = Block(w1, w2, pool=True)  # -> 12x12
        self.block2 = Block(w2, w3, pool=True)  # -> 6x6
        self.block3 = Block(w3, w4, pool=False)  # 6x6
        self.drop = nn.Dropout(dropout)
        self.head = nn.Conv2d(w4, classes, 1)  # 1x1 conv then global mean == mean then dense

    def forward(self, x):
        x = self.stem2(self.stem1(x))
        x = self.block3(self.block2(self.block1(x)))
        return self.head(self.drop(x)).mean(dim=(2, 3))  # logits [n, 7]
