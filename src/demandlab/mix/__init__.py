"""Products vs throughput generators, lesson 04's models in one folder: the offering
classifier, the buffet, the loss leader and Goldratt's P&Q product mix. Each layer has its
file (scenario, model, figures, widgets); ``dl.buffet`` and ``from demandlab.mix import
product_mix`` keep working as they did when this was one module."""

from . import model
from .figures import plot_buffet, plot_loss_leader, plot_product_mix

# The models' names are listed once, in model/__init__.py.
from .model import *  # noqa: F403
from .widgets import (
    buffet_draw_summary,
    buffet_explorer,
    buffet_summary,
    loss_leader_explorer,
    loss_leader_summary,
    offering_classifier,
    product_mix_explorer,
    product_mix_summary,
)

__all__ = [
    *model.__all__,
    "buffet_draw_summary",
    "buffet_explorer",
    "buffet_summary",
    "loss_leader_explorer",
    "loss_leader_summary",
    "offering_classifier",
    "plot_buffet",
    "plot_loss_leader",
    "plot_product_mix",
    "product_mix_explorer",
    "product_mix_summary",
]
