"""The Equal Earth projection (Šavrič, Patterson and Jenny, 2018): every
country drawn at its true relative area, the meridians gently curved. The
forward formulas of the paper, as d3-geo computes them."""

import math

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """(x, y) of a point given in degrees, on a sphere of radius 1: x east
    from -2.7066 to 2.7066, y north from -1.3174 to 1.3174."""
    lam = math.radians(longitude)
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y
