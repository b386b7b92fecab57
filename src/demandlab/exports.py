"""Lists of public names, each kept in one place (issue 27).

A lesson package's ``__init__`` holds the lesson's one export list, ``__all__``: the names
``import demandlab as dl`` offers. ``demandlab/__init__.py`` builds its own ``__all__``
from those lists with :func:`gather`, so a name is listed once, in its lesson.

A lesson once re-listed its model's other names too (``demandlab.game.join``,
``demandlab.pullpush.run_race``); :func:`read_through` keeps those old import paths working
by reading them from the model's own ``__all__``, without a second list.

Old attribute names are kept the same way, once: :class:`UtilisationSpelling` gives a
result the ``utilization`` spelling of its ``utilisation`` field.

Standard library only: every module of the package may import it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, MutableMapping
from types import ModuleType


def gather(namespace: MutableMapping[str, object], parts: Iterable[ModuleType]) -> list[str]:
    """Bind every name of each part's ``__all__`` in ``namespace``; the names, in order.

    A name two parts both list is refused: one name, one home.

    Examples
    --------
    >>> a, b = ModuleType("a"), ModuleType("b")
    >>> a.x, a.__all__, b.y, b.__all__ = 1, ["x"], 2, ["y"]
    >>> ns = {}
    >>> gather(ns, [a, b]), ns
    (['x', 'y'], {'x': 1, 'y': 2})
    >>> gather({}, [a, a])
    Traceback (most recent call last):
    ...
    RuntimeError: 'x' is listed twice (again by a)
    """
    names: list[str] = []
    for part in parts:
        for name in part.__all__:
            if name in names:
                raise RuntimeError(f"{name!r} is listed twice (again by {part.__name__})")
            namespace[name] = getattr(part, name)
            names.append(name)
    return names


def read_through(
    package: str, *sources: ModuleType
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` that also offer each source's ``__all__``.

    ``package`` is the package's ``__name__``. A name it does not define itself is looked
    up in the sources' lists, first source first (PEP 562: ``from package import name``
    works too), and ``dir(package)`` lists those names for tab completion.

    Examples
    --------
    >>> model = ModuleType("model")
    >>> model.join, model.__all__ = len, ["join"]
    >>> getattr_, dir_ = read_through("demandlab", model)
    >>> getattr_("join") is len, "join" in dir_()
    (True, True)
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'demandlab' has no attribute 'nothing'
    """

    def __getattr__(name: str) -> object:
        for source in sources:
            if name in source.__all__:
                return getattr(source, name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        own = vars(sys.modules[package]) if package in sys.modules else {}
        return sorted({*own, *(name for source in sources for name in source.__all__)})

    return __getattr__, __dir__


class UtilisationSpelling:
    """A result with a ``utilisation`` field also answers to ``utilization`` (the old
    spelling, kept for code written against it; the course writes utilisation).

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Busy(UtilisationSpelling):
    ...     utilisation: float
    >>> Busy(0.8).utilization
    0.8
    """

    __slots__ = ()

    @property
    def utilization(self):
        """The old spelling of :attr:`utilisation`."""
        return self.utilisation  # type: ignore[attr-defined]
