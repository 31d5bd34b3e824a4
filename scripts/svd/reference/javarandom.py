"""java.util.Random's Gaussian draws in Python (the JDK's 48-bit LCG, nextDouble and polar-method nextGaussian,
as its Javadoc specifies), so the reference run can use exactly the draws the Java pipeline makes."""
import math

import numpy as np

_MULT, _ADD, _MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1


def _signed64(x):
    x &= (1 << 64) - 1
    return x - (1 << 64) if x >> 63 else x


# EditPipeline's stream constants (seed ^ stream seeds each draw)
NOISE_STREAM = _signed64(0x9E3779B97F4A7C15)
AUGMENT_STREAM = _signed64(0xC2B2AE3D27D4EB4F)
GENERATION_AUGMENT_STREAM = _signed64(0x165667B19E3779F9)


def gaussian(n, seed):
    """EditPipeline.gaussian(n, seed): n float32 values of new Random(seed).nextGaussian()."""
    state = (seed ^ _MULT) & _MASK
    out = np.empty(n, dtype=np.float64)
    i, spare = 0, None

    def nxt(bits):
        nonlocal state
        state = (state * _MULT + _ADD) & _MASK
        return state >> (48 - bits)

    while i < n:
        if spare is not None:
            out[i], spare, i = spare, None, i + 1
            continue
        while True:
            v1 = 2 * (((nxt(26) << 27) + nxt(27)) * (1.0 / (1 << 53))) - 1
            v2 = 2 * (((nxt(26) << 27) + nxt(27)) * (1.0 / (1 << 53))) - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        m = math.sqrt(-2 * math.log(s) / s)  # Java uses StrictMath; equal after the float cast in practice
        out[i], spare, i = v1 * m, v2 * m, i + 1
    return out.astype(np.float32)
