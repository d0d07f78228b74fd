"""TensorFlow.js-exact bilinear resize as fixed matrices, so torch sees the same pixels as the app.

The app feeds the classifier a 64x64 crop (eval: the 48x48 FER file upsampled by tf.image.resizeBilinear
with TF.js defaults, i.e. align_corners=false, half_pixel_centers=false). The exported graph starts with a
ResizeBilinear back to 48x48 (half_pixel_centers=true). Both are linear maps R (out x in) applied as R @ X @ R^T.
"""
import math

import numpy as np


def resize_matrix(in_size: int, out_size: int, half_pixel_centers: bool) -> np.ndarray:
    """Rows: output pixels; columns: input pixels; mirrors tfjs-backend-cpu resizeBilinear."""
    ratio = in_size / out_size
    m = np.zeros((out_size, in_size), dtype=np.float64)
    for r in range(out_size):
        src = ratio * (r + 0.5) - 0.5 if half_pixel_centers else ratio * r
        lo = max(0, math.floor(src))
        frac = src - lo
        hi = min(in_size - 1, math.ceil(src))
        m[r, lo] += 1.0 - frac
        m[r, hi] += frac
    return m


# 48 -> 64 as the app/eval does it (TF.js defaults), then 64 -> 48 inside the exported model.
UP_48_64 = resize_matrix(48, 64, half_pixel_centers=False)
DOWN_64_48 = resize_matrix(64, 48, half_pixel_centers=True)
# What a 48x48 FER image looks like to the network after both resizes.
ROUND_TRIP_48 = (DOWN_64_48 @ UP_48_64).astype(np.float32)
