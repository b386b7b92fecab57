"""Lesson 00, start here: the first slider's factory (scenario -> model -> figures ->
report -> widgets). ``__all__`` is the lesson's export list, reused by demandlab."""

from .report import week_summary
from .widgets import slider_demo

__all__ = ["slider_demo", "week_summary"]
