"""Lesson 05's words: results to sentences, the one place the lesson's prose is built.

The models (:mod:`demandlab.gtm.model`) return numbers; this module turns them into the
short printed lines and sentences the notebook, the explorer and the exercises show
(``words``: results to sentences; ``printers``: the exercises' one-line printers). Lines
are wrapped at word boundaries so a narrow output area never cuts a word. The models' own
methods that return text (``result.summary()``, ``plan.steps``, ``print(plan)``, ...) are
declared ``@worded`` in the model and written in ``words`` (``@writes``), so the model never
imports the report.
"""

from .printers import gtm_summary, plan_summary, pooling_summary, verdict_summary
from .words import (
    DESIGN_WORDS,
    MEASURE_WORDS,
    WIDTH,
    assumption_text,
    designs_table,
    designs_text,
    designs_winners,
    plan_message,
    plan_steps,
    plan_text,
    pooling_text,
    queue_text,
    result_summary,
    steering_label,
    sweep_text,
    verdict,
    wrapped,
)

__all__ = [
    "DESIGN_WORDS",
    "MEASURE_WORDS",
    "WIDTH",
    "assumption_text",
    "designs_table",
    "designs_text",
    "designs_winners",
    "gtm_summary",
    "plan_message",
    "plan_steps",
    "plan_summary",
    "plan_text",
    "pooling_summary",
    "pooling_text",
    "queue_text",
    "result_summary",
    "steering_label",
    "sweep_text",
    "verdict",
    "verdict_summary",
    "wrapped",
]
