"""Batched face augmentation on [n, 1, 48, 48] tensors in [-1, 1]: flip, shift, rotation, scale,
brightness/contrast and a small random erase. All randomness comes from the given torch.Generator."""
import math

import torch
import torch.nn.functional as F


def augment(x: torch.Tensor, g: torch.Generator, max_rot=15.0, max_shift=0.1, scale=(0.88, 1.12),
            brightness=0.25, contrast=(0.7, 1.3), erase_p=0.4) -> torch.Tensor:
    n = x.shape[0]
    u = lambda *shape: torch.rand(*shape, generator=g)  # noqa: E731
    angle = (u(n) * 2 - 1) * math.radians(max_rot)
    s = scale[0] + u(n) * (scale[1] - scale[0])
    flip = torch.where(u(n) < 0.5, -1.0, 1.0)
    tx, ty = (u(n) * 2 - 1) * max_shift * 2, (u(n) * 2 - 1) * max_shift * 2  # normalized coords span 2
    cos, sin = torch.cos(angle) / s, torch.sin(angle) / s
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    c = contrast[0] + u(n, 1, 1, 1) * (contrast[1] - contrast[0])
    b = (u(n, 1, 1, 1) * 2 - 1) * brightness
    x = ((x - mean) * c + mean + b).clamp(-1, 1)
    # random erase: one square of side 8..16 px in a fraction erase_p of the images, filled with noise
    side = (8 + u(n) * 9).long()
    cy, cx = (u(n) * 48).long(), (u(n) * 48).long()
    yy = torch.arange(48).view(1, 48, 1)
    xx = torch.arange(48).view(1, 1, 48)
    half = (side // 2).view(n, 1, 1)
    box = ((yy - cy.view(n, 1, 1)).abs() <= half) & ((xx - cx.view(n, 1, 1)).abs() <= half)
    box &= (u(n) < erase_p).view(n, 1, 1)
    noise = u(n, 1, 48, 48) * 2 - 1
    return torch.where(box.unsqueeze(1), noise, x)
