"""demandlab: a hands-on course on demand-response systems.

Data flows one way: model -> figure -> widget -> notebook.

- A *model* is pure numpy and returns a frozen dataclass.
- A *figure* function takes a result and returns a ``plotly.graph_objects.Figure``.
- A *widget* function wires ipywidgets controls to a model and a figure.
- A *notebook* calls only the names listed in ``__all__`` below.

``__all__`` is grouped by lesson; the README's API reference lists exactly these names
(tests/test_api.py; regenerate it with ``python tools/api_table.py --write``).
"""

from importlib.metadata import PackageNotFoundError, version

from .answers import exercise, solution
from .cloud import (
    Assumption,
    EvaporatingCloud,
    Injection,
    cloud_builder,
    example_clouds,
    load_cloud,
    plot_cloud,
    save_cloud,
)
from .dice import (
    dice_game,
    dice_game_explorer,
    dice_game_replications,
    plot_dice_game,
    plot_dice_replications,
)
from .engine import (
    LineParameters,
    LinePerformance,
    LineResult,
    best_case,
    kingman_queue_time,
    line_parameters,
    practical_worst_case,
    simulate_line,
    worst_case,
)
from .factory import (
    capacity_value,
    factory_explorer,
    factory_scenario,
    fix_a_explorer,
    fix_b_explorer,
    plot_capacity_value,
    plot_internal_fixes,
    plot_profit_gap,
    plot_year,
    scoreboard,
    search_internal_fixes,
    simulate_factory,
    year_explorer,
)
from .gtm import (
    gtm_explorer,
    onboarding_queue,
    plot_gtm,
    plot_gtm_waste,
    plot_referral_loop,
    simulate_gtm,
    work_backwards,
)
from .mix import (
    buffet,
    buffet_explorer,
    classify_offering,
    essay_offerings,
    loss_leader,
    loss_leader_explorer,
    offering_classifier,
    plot_buffet,
    plot_loss_leader,
    plot_product_mix,
    pq_problem,
    product_mix,
    product_mix_explorer,
)
from .pullpush import (
    forecast_vs_pull,
    forecast_vs_pull_explorer,
    laws_of_the_line,
    laws_of_the_line_explorer,
    little_check,
    plot_forecast_vs_pull,
    plot_laws_of_the_line,
    plot_pull_in_sales,
    plot_push_vs_conwip,
    pull_in_sales,
    pull_in_sales_explorer,
    push_vs_conwip,
    push_vs_conwip_explorer,
)
from .room_client import room, share_result
from .takt import (
    NoDemandError,
    capacity_pace,
    factory_vs_funnel,
    factory_vs_funnel_explorer,
    funnel_explorer,
    funnel_yield,
    level_explorer,
    level_vs_chase,
    line_balance,
    plot_factory_vs_funnel,
    plot_funnel,
    plot_level_vs_chase,
    plot_line_balance,
    required_inflow,
    simulate_funnel,
    takt_explorer,
    takt_time,
)
from .ui import (
    course_map,
    prediction,
    quiz,
    setup_check,
    slider_demo,
    week_summary,
)

try:
    __version__ = version("demandlab")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"

__all__ = [
    # course helpers
    "course_map",
    "exercise",
    "solution",
    "prediction",
    "quiz",
    "room",
    "setup_check",
    "share_result",
    "slider_demo",
    "week_summary",
    # flow engine
    "LineParameters",
    "LinePerformance",
    "LineResult",
    "best_case",
    "kingman_queue_time",
    "line_parameters",
    "practical_worst_case",
    "simulate_line",
    "worst_case",
    # lesson 01: Factory A vs Factory B
    "capacity_value",
    "factory_explorer",
    "factory_scenario",
    "fix_a_explorer",
    "fix_b_explorer",
    "plot_capacity_value",
    "plot_internal_fixes",
    "plot_profit_gap",
    "plot_year",
    "scoreboard",
    "search_internal_fixes",
    "simulate_factory",
    "year_explorer",
    # lesson 02: takt time
    "NoDemandError",
    "capacity_pace",
    "factory_vs_funnel",
    "factory_vs_funnel_explorer",
    "funnel_explorer",
    "funnel_yield",
    "level_explorer",
    "level_vs_chase",
    "line_balance",
    "plot_factory_vs_funnel",
    "plot_funnel",
    "plot_level_vs_chase",
    "plot_line_balance",
    "required_inflow",
    "simulate_funnel",
    "takt_explorer",
    "takt_time",
    # lesson 03: pull vs push
    "dice_game",
    "dice_game_explorer",
    "dice_game_replications",
    "plot_dice_game",
    "plot_dice_replications",
    "forecast_vs_pull",
    "forecast_vs_pull_explorer",
    "laws_of_the_line",
    "laws_of_the_line_explorer",
    "little_check",
    "plot_forecast_vs_pull",
    "plot_laws_of_the_line",
    "plot_pull_in_sales",
    "plot_push_vs_conwip",
    "pull_in_sales",
    "pull_in_sales_explorer",
    "push_vs_conwip",
    "push_vs_conwip_explorer",
    # lesson 04: the Evaporating Cloud, products vs throughput generators
    "Assumption",
    "EvaporatingCloud",
    "Injection",
    "cloud_builder",
    "example_clouds",
    "load_cloud",
    "plot_cloud",
    "save_cloud",
    "buffet",
    "buffet_explorer",
    "classify_offering",
    "essay_offerings",
    "loss_leader",
    "loss_leader_explorer",
    "offering_classifier",
    "plot_buffet",
    "plot_loss_leader",
    "plot_product_mix",
    "pq_problem",
    "product_mix",
    "product_mix_explorer",
    # lesson 05: the capstone
    "simulate_gtm",
    "plot_gtm",
    "plot_gtm_waste",
    "plot_referral_loop",
    "gtm_explorer",
    "work_backwards",
    "onboarding_queue",
]


def _lesson_functions() -> list[str]:
    """Functions a lesson package lists in its ``__all__`` that are not re-exported above.

    Lets a lesson add a notebook-facing helper in its own package; tests/test_api.py keeps
    the README's API table in step with the result.
    """
    from . import cloud, dice, factory, gtm, mix, pullpush, takt

    added = []
    for package in (factory, takt, pullpush, dice, cloud, mix, gtm):
        for name in getattr(package, "__all__", ()):
            obj = getattr(package, name)
            if name.islower() and callable(obj) and name not in __all__ and name != "reference_run":
                globals()[name] = obj
                added.append(name)
    return added


__all__ += _lesson_functions()
