"""Lesson 04: the Evaporating Cloud, a one-page picture of a conflict.

A cloud (Goldratt's conflict diagram from the Theory of Constraints) has five boxes:

- A, the goal both sides share;
- B and C, two needs the goal requires;
- D and D', two actions (wants) that serve B and C and cannot both happen.

Under each arrow sit *assumptions*: the reasons the arrow holds. An *injection* is an
idea that makes one assumption false; once it does, the conflict can "evaporate".
By convention the course draws the production view (operations, efficiency) on the top
side, B and D, in grey, and the demand view (customers, market) on the bottom side,
C and D', in blue.

Layers: ``scenario`` (the box and arrow words, the example clouds) -> ``model`` (the
frozen, validated :class:`EvaporatingCloud`, JSON in and out, files) -> ``figures``
(:func:`plot_cloud`) and ``report`` (the cloud in words) -> ``widgets``
(:func:`cloud_builder`). This package keeps the names
the old ``demandlab.cloud`` module had.
"""

from ..exports import read_through as _read_through
from . import model, report  # noqa: F401 (report writes cloud.read_aloud(), problems(), ...)
from .figures import plot_cloud
from .model import (
    Assumption,
    EvaporatingCloud,
    Injection,
    example_clouds,
    load_cloud,
    save_cloud,
)
from .scenario import (  # noqa: F401 (old paths: demandlab.cloud.ARROWS and the rest)
    ARROW_QUESTIONS,
    ARROWS,
    BOX_FIELDS,
    BOX_LETTERS,
    BOX_PROMPTS,
    BOX_ROLES,
)
from .widgets import CloudBuilder, cloud_builder, show_example_cloud  # noqa: F401 (CloudBuilder)

# The lesson's export list: exactly its names in demandlab.__all__.
__all__ = [
    "Assumption",
    "EvaporatingCloud",
    "Injection",
    "cloud_builder",
    "example_clouds",
    "load_cloud",
    "plot_cloud",
    "save_cloud",
    "show_example_cloud",
]

# The model's other names (demandlab.cloud.FORMAT, MAX_TEXT_CHARS, CloudFileExistsError,
# ...) read through to demandlab.cloud.model's own list.
__getattr__, __dir__ = _read_through(__name__, model)
