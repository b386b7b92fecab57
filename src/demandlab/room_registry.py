# ruff: noqa: E501  (the questions are quoted exactly as the notebooks ask them)
"""What the live room pools: every lesson's predictions and quizzes, and one result per lesson.

The one list both sides read: ``demandlab.room`` (in a participant's kernel) finds the room id
of a ``dl.prediction`` or ``dl.quiz`` here by its exact question and options, and the room
service (deploy/room/service.py, which loads this file by path without importing demandlab)
accepts only these lesson and question ids and only these options. A question that is not
listed is never sent: a lesson an instructor adds works as before, only without the room.
tests/test_room.py checks that every prediction and quiz in notebooks/ is listed here.

Plain data and the standard library only (no relative imports): the service runs it as a file.
"""

from __future__ import annotations

LESSONS = {
    "00": "Start here",
    "01": "Factory A vs Factory B",
    "02": "Takt time",
    "03": "Pull vs push",
    "04": "The Evaporating Cloud",
    "05": "Capstone: design backwards from the customer",
}

# (lesson, question id, kind, question as the notebook asks it, options in order)
QUESTIONS = (
    (
        "00",
        "vote",
        "prediction",
        "Demand rises from 100 to 160 units a week, and the factory keeps making 100. How many "
        "units does it sell that week?",
        ("160: every order is a sale", "100: what it made", "130: it meets demand halfway"),
    ),
    (
        "00",
        "quiz1",
        "quiz",
        "A factory makes 100 units a week, and its efficiency report says 100%. Is it doing well?",
        (
            "Yes: it hit its output target",
            "We cannot tell from the factory alone",
            "No: efficiency is always a bad measure",
        ),
    ),
    (
        "00",
        "quiz2",
        "quiz",
        "You pressed Run All before voting. What does the line under the experiment show?",
        (
            "The experiment's answer, so the vote no longer matters",
            "That it waits for your vote before comparing",
            "An error, because the cells ran in the wrong order",
        ),
    ),
    (
        "01",
        "vote",
        "prediction",
        "Both factories close their books for the year with absorption costing, as most "
        "accountants do. Which factory's books report the higher profit?",
        ("Factory A", "Factory B"),
    ),
    (
        "01",
        "vote2",
        "prediction",
        "Which factory would you rather own?",
        ("Factory A", "Factory B"),
    ),
    (
        "01",
        "quiz1",
        "quiz",
        "Factory A's books show a profit of $443k for the year. What does its bank account say?",
        (
            "About the same: profit is profit",
            "It is losing money, and cash runs out",
            "Nothing: cash and profit are unrelated",
        ),
    ),
    (
        "01",
        "quiz2",
        "quiz",
        "Which change inside Factory A's walls makes it profitable at 300 orders a week?",
        (
            "Raise efficiency to 100%",
            "Double its capacity",
            "Cut material and operating expense by 20% each",
            "None of the settings within the sliders' ±20%",
        ),
    ),
    (
        "01",
        "quiz3",
        "quiz",
        "B makes 600 units a week and 1,500 are ordered. What is one more unit of output a week "
        "worth over a year?",
        (
            "$520: price $100 minus its $90 cost per unit, on 52 units",
            "$3,120: 52 more units sold at $60 of throughput each",
            "Nothing: B already sells all it makes",
            "The same as at Factory A ($0): capacity is capacity",
        ),
    ),
    (
        "02",
        "vote",
        "prediction",
        "Orders fall to 10 bikes a shift. What should the line do?",
        (
            "Keep the pace: make 50, stock the rest",
            "Follow takt: make 10, let stations stand idle",
            "Make 10 at full speed, then stop",
        ),
    ),
    (
        "02",
        "vote2",
        "prediction",
        "Buyers want 10 deals a week and no more. The director paces the funnel at 240 new "
        "inquiries a week (what the busiest team can handle) instead of 200. Over a quarter, how "
        "many deals close?",
        ("More: the team works more inquiries", "About the same", "Fewer"),
    ),
    (
        "02",
        "quiz1",
        "quiz",
        "Takt time on the bike line is 9.0 minutes. What does it tell you?",
        (
            "How fast the line can go",
            "How often customers need a bike",
            "How long one bike takes to build",
        ),
    ),
    (
        "02",
        "quiz2",
        "quiz",
        "Orders fall to 10 bikes a shift. The line can make 53. What is the right plan?",
        ("Make 10 and accept idle time", "Make 53 to keep efficiency up", "Make 50 as before"),
    ),
    (
        "02",
        "quiz3",
        "quiz",
        "A funnel's yield is 5% and buyers want 10 deals a week. How many inquiries a week does it "
        "need?",
        ("10", "50", "200", "As many as the team can handle"),
    ),
    (
        "02",
        "quiz4",
        "quiz",
        "The sales team has 440 hours a week and an inquiry costs 1.6 hours on average across the "
        "stages. How many inquiries a week can it work?",
        (
            "275: all the team's hours / hours per inquiry",
            "240: what the Discovery call team can work",
            "As many as come in, if everyone works harder",
        ),
    ),
    (
        "03",
        "vote",
        "prediction",
        "Five stations, each averaging 3.5 a round. Over 10 rounds from empty, the line delivers "
        "...",
        ("about 3.5 a round", "a little less, about 3.2", "clearly less, about 2.5"),
    ),
    (
        "03",
        "vote2",
        "prediction",
        "With exponential process times (cv = 1), what does doubling WIP from 6 to 12 jobs do?",
        ("doubles output", "adds a little output and much more lead time", "changes nothing"),
    ),
    (
        "03",
        "vote3",
        "prediction",
        "A station is busy 80% of the time. Sales wins more orders and it becomes busy 90% of the "
        "time. How long do jobs now wait in front of it?",
        ("about an eighth longer (90 / 80)", "about twice as long", "more than twice as long"),
    ),
    (
        "03",
        "quiz1",
        "quiz",
        "Five balanced stations each average 3.5 units a round. Over a short run from empty, the "
        "line delivers ...",
        (
            "3.5 a round, since the line is balanced",
            "less than 3.5 a round",
            "more than 3.5, since good rolls add up",
        ),
    ),
    (
        "03",
        "quiz2",
        "quiz",
        "Goldratt's remedy for a line like the dice game is ...",
        (
            "keep every station as busy as possible",
            "release work at the constraint's pace, with a buffer",
            "give every station a little more capacity than the average",
        ),
    ),
    (
        "03",
        "quiz3",
        "quiz",
        "A line reports WIP 12 jobs and an output rate of 0.4 jobs per hour. What is its average "
        "cycle time?",
        ("4.8 hours", "30 hours", "You need a simulation to know"),
    ),
    (
        "03",
        "quiz4",
        "quiz",
        "A plant manager runs every machine 95% busy to get the most out of them. What does "
        "Kingman's curve say about the jobs?",
        (
            "Nothing changes: busy machines are efficient machines",
            "They wait about as long as at 80% busy",
            "They wait many times longer than at 80% busy",
        ),
    ),
    (
        "03",
        "quiz5",
        "quiz",
        "A customer asks the sales team for a quote, and the plant starts building at once. Is "
        "that pull?",
        (
            "Yes: a customer signal started production",
            "No: a quote request is not an order",
            "Yes, as long as the plant also caps its WIP",
        ),
    ),
    (
        "03",
        "quiz6",
        "quiz",
        "Why does demand pull need less finished-goods stock than forecast push for the same fill "
        "rate?",
        (
            "Pull's production lead time is shorter",
            "Its stock covers just the lead time",
            "Pull never runs out of stock at all",
        ),
    ),
    (
        "03",
        "quiz7",
        "quiz",
        "In the lesson's sales funnel, 20% of deals are lost at each stage. What does the cap on "
        "open deals change?",
        (
            "It saves deals that would have been lost",
            "Fewer open deals for the same wins",
            "It causes the deals that are lost",
        ),
    ),
    (
        "04",
        "vote",
        "prediction",
        "The station can carve 120 servings an hour. Which carving rate earns the most profit per "
        "evening?",
        ("Flat out", "In between", "No roast beef"),
    ),
    (
        "04",
        "vote2",
        "prediction",
        "The owner could add a second carving station, doubling its capacity to 240 servings an "
        "hour. What happens to the best evening's profit?",
        ("It rises", "No change", "It falls"),
    ),
    (
        "04",
        "quiz1",
        "quiz",
        "In an Evaporating Cloud, what makes the conflict evaporate?",
        (
            "A compromise halfway between D and D', fair to both",
            "An injection that makes one assumption false",
            "Adding a third need, next to B and C, to settle it",
        ),
    ),
    (
        "04",
        "quiz2",
        "quiz",
        "Diners queue at the carving station at 7 pm. What limits the buffet's profit?",
        (
            "Carve flat out: it is the bottleneck, so exploit it",
            "How many diners come, not the station",
            "Add a second station: a bottleneck limits the whole system",
        ),
    ),
    (
        "04",
        "quiz3",
        "quiz",
        "The buffet carves 120 servings an hour and profit drops. What is the roast beef?",
        (
            "A revenue generator to exploit for volume",
            "A differentiator to protect and ration",
            "Waste to remove from the buffet's costs",
        ),
    ),
    (
        "04",
        "vote3",
        "prediction",
        "B cannot make everything. Which product should get B's minutes first?",
        ("Q ($60 a unit)", "P ($45 a unit)", "No difference"),
    ),
    (
        "04",
        "quiz4",
        "quiz",
        "P&Q loses money under the margin rule. P earns $45 a unit, Q $60. A manager proposes a "
        "fix. Which one makes money?",
        (
            "Drop P: of the two products it has the lowest margin per unit",
            "Give B to the product that earns most per minute of B",
            "Buy more capacity on all four resources before anything else",
        ),
    ),
    (
        "04",
        "quiz5",
        "quiz",
        "In Goldratt's accounting, what is throughput (T)?",
        (
            "Units made per week, whether sold or not",
            "Revenue minus truly variable costs",
            "Revenue minus all costs, overhead included",
        ),
    ),
    (
        "05",
        "vote",
        "prediction",
        "All three teams chase their own targets for 24 months. Customers reaching success ...",
        ("rise: every team does more", "stay about the same", "fall"),
    ),
    (
        "05",
        "quiz1",
        "quiz",
        "Marketing tripled its leads, sales doubled its deals and CS cut handling time by two "
        "thirds. What can you conclude about the business?",
        (
            "It is doing much better: every team beat its target",
            "Nothing yet: look at customers reaching success",
            "Marketing deserves the credit for tripling its leads",
        ),
    ),
    (
        "05",
        "quiz2",
        "quiz",
        "In this lesson, what counts as waste?",
        (
            "Hours on customers who never reach success",
            "Hours a team sits idle between customers",
            "Leads that sales turns away after a qualifying call",
        ),
    ),
    (
        "05",
        "quiz3",
        "quiz",
        "Steered end to end, each customer won makes about one referral, and each customer brings "
        "fewer than one new customer. What does the referral loop do?",
        (
            "It compounds: customers bring customers who bring more, without end",
            "It multiplies marketing's customers, then levels off",
            "Nothing: referrals only matter above one per customer",
        ),
    ),
    (
        "05",
        "vote2",
        "prediction",
        "To make every customer refer one other, what must marketing do?",
        ("Send more leads", "Send the same", "Send fewer leads"),
    ),
    (
        "05",
        "vote3",
        "prediction",
        "Split the five CS people into specialists: each new customer waits for the one person who "
        "owns its segment. Same people, same customers, same load. A new customer's average wait "
        "for onboarding ...",
        (
            "It stays about the same",
            "It grows, but less than double",
            "It grows several times over",
        ),
    ),
    (
        "05",
        "quiz4",
        "quiz",
        "Working backwards from 'every customer refers one other' with today's teams, the plan "
        "told marketing to send ...",
        (
            "more leads, to fill CS's calendar",
            "fewer, focused leads",
            "no leads: referrals carry it",
        ),
    ),
    (
        "05",
        "quiz5",
        "quiz",
        "Why does the plan book only about 87% of CS's hours, not 100%?",
        (
            "It should book 100%: an idle hour in CS is an hour of waste",
            "Near full load the onboarding queue explodes",
            "87% is the usual rule of thumb, whatever the team's size",
        ),
    ),
    (
        "05",
        "quiz6",
        "quiz",
        "Five CS people, one queue each (specialists) or one shared queue, at the same load: what "
        "sets the two apart for a new customer?",
        (
            "Specialists work more slowly, so each customer takes longer",
            "Their customer waits while another specialist sits idle",
            "Nothing: same people and same load give the same wait",
        ),
    ),
)

# One result per lesson where the class comparison is the point: (lesson, key, what it is,
# kind, unit, smallest, largest). Numbers outside [smallest, largest] are refused; a text is
# at most TEXT_MAX characters.
RESULTS = (
    (
        "01",
        "best-net-profit-a",
        "best net profit found for Factory A",
        "number",
        "$ a year",
        -1e9,
        1e9,
    ),
    ("02", "funnel-pace", "funnel pace chosen", "number", "inquiries a week", 0, 10_000),
    (
        "03",
        "dice-matches",
        "matches delivered in the 10-round dice game",
        "number",
        "matches",
        0,
        60,
    ),
    ("04", "cloud-title", "the title of the cloud built", "text", "", None, None),
)

TEXT_MAX = 120  # characters in a text result (a cloud's title)
ANSWER_MAX = 200  # characters in an option (the longest in the course is ~80)
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"


def question(lesson: str, question_id: str) -> tuple | None:
    """The registry row for a lesson's question, or None."""
    for row in QUESTIONS:
        if row[0] == lesson and row[1] == question_id:
            return row
    return None


def find(kind: str, text: str, options) -> tuple[str, str] | None:
    """(lesson, question id) of a prediction or quiz asked with exactly this text and options."""
    options = tuple(options)
    for lesson, qid, k, q, opts in QUESTIONS:
        if k == kind and q == text and opts == options:
            return lesson, qid
    return None


def result(lesson: str, key: str) -> tuple | None:
    """The registry row for a lesson's pooled result, or None."""
    for row in RESULTS:
        if row[0] == lesson and row[1] == key:
            return row
    return None
