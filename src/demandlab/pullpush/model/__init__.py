"""Lesson 03's models: pure numpy on the flow engine, settings in, frozen results out.

- :mod:`.little`: Little's law checked on one run, with the run's own tolerance;
- :mod:`.laws`: the laws of the line (a CONWIP line at every WIP level vs the curves);
- :mod:`.conwip`: push against CONWIP at the same throughput, replicated;
- :mod:`.forecast`: forecast push against demand pull on the finished-goods shelf;
- :mod:`.sales`: what is left of pull in a sales funnel where deals abandon midway;
- :mod:`.vut`: Kingman's VUT curve at one station, checked by simulation;
- :mod:`.lesson`: the five experiments run on the whole scenario (``run_race(SCENARIO)``);
- :mod:`.inputs`: the size guards and argument checks they share.
"""

from .conwip import PolicyStats, PushVsConwip, push_vs_conwip
from .forecast import ForecastVsPull, StockPolicy, forecast_vs_pull, shown_days
from .inputs import result_of
from .laws import LawsOfTheLine, laws_of_the_line
from .lesson import run_laws, run_race, run_sales, run_shelf, run_vut
from .little import LittleCheck, little_check
from .sales import PullInSales, SalesLevel, level_index, pull_in_sales
from .vut import VutCurve, vut_curve

__all__ = [
    "ForecastVsPull",
    "LawsOfTheLine",
    "LittleCheck",
    "PolicyStats",
    "PullInSales",
    "PushVsConwip",
    "SalesLevel",
    "StockPolicy",
    "VutCurve",
    "forecast_vs_pull",
    "level_index",
    "laws_of_the_line",
    "little_check",
    "pull_in_sales",
    "push_vs_conwip",
    "result_of",
    "run_laws",
    "run_race",
    "run_sales",
    "run_shelf",
    "run_vut",
    "shown_days",
    "vut_curve",
]
