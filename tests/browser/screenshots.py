"""Screenshots compared with stored references (tests/browser/references/*.png), with a tolerance.

Anti-aliasing and font hinting move a few pixels between runs; a changed colour, border or
layout moves thousands. A screenshot "looks like" its reference when it has the same size
and at most MAX_CHANGED_SHARE of its pixels differ by more than CHANNEL_TOLERANCE in some
channel. UPDATE_SCREENSHOT_REFERENCES=1 writes the references instead (then look at them).
"""
from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image, ImageChops

from browser_served import ARTIFACTS

REFERENCES = Path(__file__).resolve().parent / "references"
CHANNEL_TOLERANCE = 40
MAX_CHANGED_SHARE = 0.01


def changed_share(actual: Image.Image, reference: Image.Image) -> float:
    """The share of pixels that differ by more than the tolerance in some channel."""
    diff = ImageChops.difference(actual.convert("RGB"), reference.convert("RGB"))
    worst = diff.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0).convert("L")
    changed = sum(1 for v in worst.getdata() if v)
    return changed / (actual.width * actual.height)


def assert_looks_like(png: bytes, name: str) -> None:
    """Fail unless ``png`` matches references/<name>.png; the actual image goes to tests/artifacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.png").write_bytes(png)
    reference_file = REFERENCES / f"{name}.png"
    if os.environ.get("UPDATE_SCREENSHOT_REFERENCES") == "1":
        REFERENCES.mkdir(parents=True, exist_ok=True)
        reference_file.write_bytes(png)
    assert reference_file.exists(), f"no reference {reference_file}: set UPDATE_SCREENSHOT_REFERENCES=1 once"
    actual = Image.open(io.BytesIO(png))
    reference = Image.open(reference_file)
    assert actual.size == reference.size, f"{name}: size {actual.size} != reference {reference.size}"
    share = changed_share(actual, reference)
    assert share <= MAX_CHANGED_SHARE, f"{name}: {share:.2%} of pixels differ (see tests/artifacts/{name}.png)"
