"""demandlab: a hands-on course on demand-response systems.

Data flows one way: model -> figure -> widget -> notebook.

- A *model* is pure numpy and returns a frozen dataclass.
- A *figure* function takes a result and returns a ``plotly.graph_objects.Figure``.
- A *widget* function wires ipywidgets controls to a model and a figure.
- A *notebook* calls only the names listed in ``__all__``.

Each lesson lists its public names once, in its package's ``__all__`` (``demandlab.takt``,
``demandlab.gtm``, ...); ``__all__`` here is those lists one after the other, grouped by
lesson as ``_PARTS`` below orders them, and each of their names is bound here, so
``dl.takt_time`` and ``from demandlab import takt_time`` work and ``dir(dl)`` lists them.
The README's API reference lists exactly these names (tests/test_api.py; regenerate it with
``python tools/api_table.py --write``).
"""

from importlib.metadata import PackageNotFoundError, version

from . import (
    answers,
    cloud,
    dice,
    engine,
    exports,
    factory,
    game,
    gtm,
    mix,
    pullpush,
    room_client,
    start,
    takt,
    ui,
)

# The groups of __all__, in the README's order: each module brings its own __all__.
_PARTS = (
    ui,  # course helpers: the course map, predictions, quizzes, exercises, the room
    answers,
    room_client,
    start,  # lesson 00: the first slider
    engine,  # the flow engine every line runs on
    factory,  # lesson 01: Factory A vs Factory B
    takt,  # lesson 02: takt time
    dice,  # lesson 03: pull vs push, the dice game first
    pullpush,
    cloud,  # lesson 04: the Evaporating Cloud, products vs throughput generators
    mix,
    gtm,  # lesson 05: the capstone
    game,  # the room plays (issue 28): a go-to-market game, one department per player
)

__all__ = exports.gather(globals(), _PARTS)

try:
    __version__ = version("demandlab")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"
