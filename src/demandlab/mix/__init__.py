"""Products vs throughput generators, lesson 04's models in one folder: the offering
classifier, the buffet, the loss leader and Goldratt's P&Q product mix. Each layer has its
file (scenario, model, figures, report, widgets).

``__all__`` is the lesson's export list (``import demandlab as dl`` re-exports exactly
these); the models' other names are imported from ``demandlab.mix.model``."""

from .figures import plot_buffet, plot_loss_leader, plot_product_mix
from .model import (
    buffet,
    classify_offering,
    essay_offerings,
    loss_leader,
    pq_problem,
    product_mix,
)
from .report import (
    buffet_draw_summary,
    buffet_summary,
    loss_leader_summary,
    product_mix_summary,
)
from .widgets import (
    buffet_explorer,
    loss_leader_explorer,
    offering_classifier,
    product_mix_explorer,
)

__all__ = [
    "buffet",
    "buffet_draw_summary",
    "buffet_explorer",
    "buffet_summary",
    "classify_offering",
    "essay_offerings",
    "loss_leader",
    "loss_leader_explorer",
    "loss_leader_summary",
    "offering_classifier",
    "plot_buffet",
    "plot_loss_leader",
    "plot_product_mix",
    "pq_problem",
    "product_mix",
    "product_mix_explorer",
    "product_mix_summary",
]
