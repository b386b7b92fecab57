"""Products vs throughput generators, lesson 04's models in one folder: the offering
classifier, the buffet, the loss leader and Goldratt's P&Q product mix. Each layer has its
file (scenario, model, figures, widgets); ``dl.buffet`` and ``from demandlab.mix import
product_mix`` keep working as they did when this was one module."""

from .figures import plot_buffet, plot_loss_leader, plot_product_mix
from .model import (
    MAIN_JOBS,
    PURPOSES,
    ROLES,
    RULES,
    BuffetResult,
    LossLeaderResult,
    OfferingRole,
    ProductMix,
    buffet,
    classify_offering,
    essay_offerings,
    loss_leader,
    pq_problem,
    product_mix,
)
from .widgets import (
    buffet_explorer,
    buffet_summary,
    loss_leader_explorer,
    loss_leader_summary,
    offering_classifier,
    product_mix_explorer,
    product_mix_summary,
)

__all__ = [
    "MAIN_JOBS",
    "PURPOSES",
    "ROLES",
    "RULES",
    "BuffetResult",
    "LossLeaderResult",
    "OfferingRole",
    "ProductMix",
    "buffet",
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
