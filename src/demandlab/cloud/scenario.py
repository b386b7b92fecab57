"""Lesson 04's words: the boxes and arrows of an Evaporating Cloud and the example clouds.

This is the one file to edit to adapt the lesson's clouds (the model, figure and builder
read their vocabulary and examples from here). After a change, re-run the notebook
(``make execute-notebooks NB=notebooks/04-evaporating-cloud.ipynb``) and check what the
notebook and instructors/04-evaporating-cloud.md say: tests/test_mix_claims.py compares them
with this file.

A cloud (Goldratt's conflict diagram) has five boxes: A, the goal both sides share; B and
C, two needs the goal requires; D and D', two actions that serve B and C and cannot both
happen. Under each arrow sit assumptions, the reasons the arrow holds.
"""

from __future__ import annotations

# The five arrows of a cloud, in reading order. "D-D'" is the conflict itself.
ARROWS = ("A-B", "A-C", "B-D", "C-D'", "D-D'")
BOX_FIELDS = ("goal", "need_b", "need_c", "want_d", "want_d_prime")
BOX_LETTERS = {"goal": "A", "need_b": "B", "need_c": "C", "want_d": "D", "want_d_prime": "D'"}
BOX_ROLES = {
    "goal": "the goal",
    "need_b": "a need",
    "need_c": "a need",
    "want_d": "an action",
    "want_d_prime": "an action",
}
# A box's label in the builder and in markdown; the figure writes it in capitals.
BOX_LABELS = {
    "goal": "A · Goal",
    "need_b": "B · Need",
    "need_c": "C · Need",
    "want_d": "D · Action",
    "want_d_prime": "D' · Action",
}
# What an empty box should hold: shown in the figure, so an empty cloud still teaches.
BOX_PROMPTS = {
    "goal": "What are both sides trying to achieve?",
    "need_b": "What must we have to achieve A? (one side's need)",
    "need_c": "What else must we have for A? (the other side's need)",
    "want_d": "What does B's side want to do?",
    "want_d_prime": "What does C's side want to do instead?",
}
ARROW_QUESTIONS = {
    "A-B": "Why must we have B in order to achieve A?",
    "A-C": "Why must we have C in order to achieve A?",
    "B-D": "Why must we do D in order to have B?",
    "C-D'": "Why must we do D' in order to have C?",
    "D-D'": "Why can we not do both D and D'?",
}
# Assumption ids: the arrow's prefix and a number ("DD1" is the first under D-D').
ID_PREFIX = {"A-B": "AB", "A-C": "AC", "B-D": "BD", "C-D'": "CD", "D-D'": "DD"}
# How a refusal names cloud JSON that came from no file (a file is named by its name).
JSON_SOURCE = "cloud JSON"
# How the figure's list names an arrow (an arrow points from the requirement to its goal).
ARROW_GLYPHS = {"A-B": "A←B", "A-C": "A←C", "B-D": "B←D", "C-D'": "C←D'", "D-D'": "D✕D'"}

# The example library: four worked clouds from the course's source essays, one injection
# each. Boxes are A, B, C, D, D'; assumptions are (arrow, text), numbered per arrow in this
# order; an injection is (text, the id of the assumption it breaks).
EXAMPLES = {
    # Essay "Products vs throughput generators": run every product for volume?
    "products vs throughput generators": {
        "title": "Run every product for volume?",
        "boxes": (
            "Maximise the profit of the whole business",
            "Efficient operations that keep costs under control",
            "Strong market pull and the power to hold our prices",
            "Maximise the throughput of every product",
            "Constrain or slow down certain offerings",
        ),
        "assumptions": (
            (
                "A-B",
                "Every dollar of operating expense saved, with sales "
                "unchanged, is a dollar more profit",
            ),
            (
                "A-C",
                "Most of our profit comes from customers who pay "
                "our full price, not from discounts",
            ),
            ("B-D", "Every extra unit we make lowers our cost per unit, so idle capacity is waste"),
            (
                "C-D'",
                "Some offerings win customers or hold our price only while rationed: "
                "more of them wins nobody extra",
            ),
            ("D-D'", "All products contribute throughput in proportion to their volume"),
        ),
        "injections": (
            (
                "Classify each offering by its economic role (revenue generator, cost driver, "
                "differentiator, behavioural lever) before deciding to push its volume",
                "DD1",
            ),
        ),
    },
    # Essay "Takt time without customer demand".
    "takt in sales": {
        "title": "Pace sales by takt?",
        "boxes": (
            "Grow revenue that lasts",
            "A sales team that works at a steady, efficient pace",
            "Sales that match what customers actually want, when they want it",
            "Set a sales takt from our capacity and push prospects through at that rate",
            "Let customer demand set the pace, even when it is uneven",
        ),
        "assumptions": (
            ("A-B", "Sales hours spent on prospects who never buy are paid for and earn nothing"),
            (
                "A-C",
                "Revenue is booked only when a customer buys, whatever our activity counts say",
            ),
            ("B-D", "Our capacity divided by working days gives a pace that real orders will fill"),
            ("C-D'", "Orders per week swing more than our team's capacity does"),
            (
                "D-D'",
                "A pace set from our capacity is still pull: nothing moves before a customer asks",
            ),
        ),
        "injections": (
            (
                "Compute takt only from real customer demand; where there is none, there is no "
                "takt, so measure response time to customers instead",
                "BD1",
            ),
        ),
    },
    # Essay "Lean's 14 principles applied to sales".
    "pull in sales": {
        "title": "Run the funnel like a pull line?",
        "boxes": (
            "Win and keep customers profitably",
            "A predictable, efficient sales process",
            "A response to each buyer that follows their changing needs",
            "Hand every inquiry down a fixed line of specialists, as on an assembly line",
            "Let one person stay with the buyer and adapt the steps",
        ),
        "assumptions": (
            ("A-B", "Without a fixed process our forecasts miss by more than staffing can absorb"),
            ("A-C", "Buyers who must repeat themselves to a new specialist buy less often"),
            (
                "B-D",
                "An inquiry keeps the same need from first call to signature, like a firm order",
            ),
            ("C-D'", "Buyers change what they need at least once between first call and signature"),
            (
                "D-D'",
                "Every inquiry that enters the funnel leaves it as a sale, as cars leave a line",
            ),
        ),
        "injections": (
            (
                "Treat an inquiry as a conversation, not an order: cap work in progress per "
                "seller and expect most inquiries not to finish",
                "BD1",
            ),
        ),
    },
    # Essay "Production systems vs. demand-response systems".
    "factory A vs B": {
        "title": "Factory A or Factory B?",
        "boxes": (
            "Build a business that is worth something",
            "A production system that runs efficiently",
            "Demand for what we make",
            "Judge each department by its own output and efficiency",
            "Judge every department by whether customers succeed with what we make",
        ),
        "assumptions": (
            ("A-B", "Every hour of waste in production comes straight out of this year's profit"),
            ("A-C", "Stock no customer orders within a year is worth less than it cost to make"),
            (
                "B-D",
                "A department that beats its efficiency target makes the business more profitable",
            ),
            ("C-D'", "Nothing we do inside the company changes how much customers buy"),
            (
                "D-D'",
                "Each department can be tuned on its own, and the "
                "sum of the tunings is the best plan",
            ),
        ),
        "injections": (
            (
                "Design the business backwards from the customer's end-to-end success; "
                "efficiency then means efficiency at serving that demand",
                "BD1",
            ),
        ),
    },
}
