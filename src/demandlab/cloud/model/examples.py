"""The example library: the clouds of scenario.EXAMPLES as EvaporatingCloud objects."""

from __future__ import annotations

from ..scenario import EXAMPLES
from .diagram import EvaporatingCloud


def example_clouds() -> dict[str, EvaporatingCloud]:
    """Four worked clouds from the course's source essays, each with one injection.

    - ``"products vs throughput generators"``: the essay "Products vs throughput
      generators" (run every product for volume, or hold some offerings back?);
    - ``"takt in sales"``: "Takt time without customer demand";
    - ``"pull in sales"``: "Lean's 14 principles applied to sales";
    - ``"factory A vs B"``: "Production systems vs. demand-response systems".

    The texts live in ``demandlab/cloud/scenario.py`` (``EXAMPLES``).

    Returns
    -------
    dict of str to EvaporatingCloud
        A fresh dict each call; the clouds are immutable.

    Examples
    --------
    >>> sorted(example_clouds())
    ['factory A vs B', 'products vs throughput generators', 'pull in sales', 'takt in sales']
    """
    out = {}
    for key, spec in EXAMPLES.items():
        cloud = EvaporatingCloud(*spec["boxes"], title=spec["title"])
        for arrow, text in spec["assumptions"]:
            cloud = cloud.with_assumption(arrow, text)
        for text, breaks in spec["injections"]:
            cloud = cloud.with_injection(text, breaks)
        out[key] = cloud
    return out
