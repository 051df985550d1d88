"""A demo council with believable synthetic answers, so every chart has something to show.

The answers are generated from a seeded random source, so every run of `demo`
builds the same council. Leaders in the demo see their council more kindly than
frontline staff do, IT and digital staff rate the technology lower than others
do, social care works in more of a silo, and two small groups (elected members
and public health) stay under the anonymity threshold. Three rounds: the year
before last's on the first bank (2026.1), closed, with about 120 responses and a
little lower everywhere, so a later round has something to compare with; last
year's on the current bank, closed, so its results are there to read; and this
year's, open for officers to answer.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from werkzeug.security import generate_password_hash

from .framework.loader import Shelf
from .framework.model import Bank
from .framework.responses_csv import ImportedResponse
from .framework.scoring import DONT_KNOW
from .services import bank_versions, closing, rounds
from .services.links import absolute, invitation_link
from .storage import (
    accounts,
    actions,
    assessments,
    councils,
    imports,
    responses,
    results,
    snapshots,
    targets,
)

COUNCIL_SLUG = "exampleshire"
COUNCIL_NAME = "Exampleshire Council"
PREVIOUS_TITLE = "Digital maturity self-assessment 2025"
ASSESSMENT_TITLE = "Digital maturity self-assessment 2026"
OPEN_TITLE = "Digital maturity self-assessment 2027"
# The first bank, which the previous round was answered with.
PREVIOUS_VERSION = "2026.1"
PREVIOUS_RESPONSES = 120
# The previous round sat this much lower on every theme.
PREVIOUS_SHIFT = -0.2
LEADER_EMAIL = "leader@exampleshire.example"
LEADER_PASSWORD = "demo-leader-password"
SEED = 2026

# Where the council stands on each theme, before anyone's point of view.
THEME_BASE = {
    "leadership": 3.0,
    "culture": 2.7,
    "risk": 2.2,
    "skills": 2.5,
    "data_users": 2.4,
    "collaboration": 2.2,
    "technology": 2.0,
}
# Targets, in tenths, the previous round set for the results round (some met, some
# not), and the results round set for the next.
PREVIOUS_TARGETS = {"leadership": 28, "culture": 25, "risk": 26, "technology": 24}
# What the council said it would do after the previous round, and how far each got:
# title, theme, owner, due, measure of success, status.
PREVIOUS_ACTIONS = (
    (
        "Directors join a frontline team's show-and-tell every month",
        "leadership",
        "Chief Executive",
        date(2026, 3, 31),
        "Every director at two or more show-and-tells by the end of March",
        "done",
    ),
    (
        "Run a joint hospital discharge team across social care and housing",
        "collaboration",
        "Director of Adult Social Care",
        date(2026, 9, 30),
        "Discharge delays down by a fifth on the pilot ward",
        "in_progress",
    ),
    (
        "Name a data champion in every service",
        "data_users",
        "Head of Insight",
        date(2026, 6, 30),
        "A champion in each of the 13 service areas",
        "in_progress",
    ),
    (
        "Plan the replacement of the unsupported case management system",
        "technology",
        "Head of IT and Digital",
        date(2027, 3, 31),
        "A costed plan agreed by the cabinet",
        "planned",
    ),
    (
        "Give every team a day a month to try a new way of working",
        "risk",
        "Director of Resources",
        date(2026, 4, 30),
        "Dropped: services could not release the time this year",
        "dropped",
    ),
)
# When the previous round's results were shared with staff.
PREVIOUS_SHARED_ON = date(2026, 2, 27)
TARGETS = {"leadership": 33, "culture": 30, "risk": 25, "data_users": 27, "technology": 23}
ROLE_MIX = {
    "leadership": 20,
    "manager": 42,
    "frontline": 76,
    "elected_member": 4,
    "prefer_not_to_say": 8,
}
ROLE_VIEW = {"leadership": 0.7, "elected_member": 0.5, "manager": 0.1, "frontline": -0.3}
AREA_MIX = {
    "adult_social_care": 16,
    "childrens_services": 14,
    "housing": 14,
    "planning": 10,
    "environment_waste_highways": 14,
    "revenues_benefits_finance": 12,
    "customer_services": 14,
    "it_digital": 12,
    "hr_od": 8,
    "public_health": 3,
    "culture_leisure_libraries": 9,
    "legal_democratic": 7,
    "regeneration_economy": 8,
    "other": 4,
    "prefer_not_to_say": 5,
}
AREA_VIEW = {
    ("it_digital", "technology"): -0.6,
    ("it_digital", "skills"): 0.7,
    ("it_digital", "data_users"): 0.4,
    ("adult_social_care", "collaboration"): -1.1,
    ("adult_social_care", "data_users"): -0.4,
    ("childrens_services", "collaboration"): -0.9,
    ("customer_services", "data_users"): 0.6,
    ("customer_services", "culture"): 0.3,
    ("planning", "technology"): -0.4,
    ("revenues_benefits_finance", "risk"): -0.5,
    ("hr_od", "skills"): 0.5,
    ("regeneration_economy", "risk"): 0.5,
}


def synthetic_responses(
    bank: Bank, seed: int = SEED, count: int | None = None, shift: float = 0.0
) -> list[ImportedResponse]:
    """`count` people (all of ROLE_MIX's), each theme `shift` higher than THEME_BASE."""
    rng = random.Random(seed)
    roles = [role for role, count in ROLE_MIX.items() for _ in range(count)]
    areas = [area for area, count in AREA_MIX.items() for _ in range(count)]
    rng.shuffle(roles)
    rng.shuffle(areas)
    return [
        ImportedResponse(
            line=number + 1,
            respondent=f"demo-{number:03d}",
            role=role,
            service_area=area,
            answers=dict(_answers(bank, rng, role, area, shift)),
        )
        for number, (role, area) in enumerate(zip(roles, areas, strict=True), start=1)
    ][:count]


def _answers(
    bank: Bank, rng: random.Random, role: str, area: str, shift: float
) -> Iterator[tuple[str, object]]:
    outlook = rng.gauss(0, 0.45)  # some people see everything a little brighter
    for theme in bank.themes:
        centre = THEME_BASE.get(theme.id, 2.5) + ROLE_VIEW.get(role, 0) + outlook + shift
        centre += AREA_VIEW.get((area, theme.id), 0)
        unsure = 0.05
        if role == "frontline" and theme.id in ("leadership", "technology"):
            # The first bank asked what "your council" does, out of frontline staff's
            # sight; from 2027.1 they are asked about their own work.
            unsure = 0.25 if bank.version == PREVIOUS_VERSION else 0.1
        for question in theme.questions:
            draw = rng.random()
            if draw < 0.03:
                continue  # left unanswered
            if draw < 0.03 + unsure:
                yield question.id, DONT_KNOW
                continue
            yield question.id, min(5, max(1, round(rng.gauss(centre, 0.75))))


# A few comments officers might leave, so each theme page has some to show.
COMMENTS = {
    "leadership": [
        "The digital strategy is good on paper but we rarely hear leaders talk about it.",
        "Our director asks teams what gets in their way, and then acts on it.",
    ],
    "culture": [
        "We tried a new triage process for six weeks and kept the parts that worked.",
        "Changes arrive as finished decisions; nobody asks frontline staff first.",
    ],
    "risk": ["Any small pilot needs three sign-offs, so most ideas die in the queue."],
    "skills": ["Training is an e-learning module; we learn the real system from each other."],
    "data_users": ["We collect a lot of data and rarely see what it shows."],
    "collaboration": [
        "Social care and housing share residents but not information about them.",
        "Joint teams on hospital discharge have made a real difference.",
    ],
    "technology": [
        "I type the same address into four systems.",
        # Held at close (a phone number, from Ofcom's range for drama): the review page
        # has one to release.
        "When the system crashes, ring Dave in IT on 01632 960123; nobody else can fix it.",
        "The case management system is out of support and everyone is afraid to touch it.",
    ],
}


def _add_comments(bank: Bank, assessment) -> None:
    people = assessment.responses
    for offset, (theme_id, comments) in enumerate(COMMENTS.items()):
        for number, comment in enumerate(comments):
            response = people[(offset * 13 + number * 29) % len(people)]
            responses.save_theme(response, bank.theme(theme_id), {}, comment, completed=True)


def load_demo(shelf: Shelf) -> list[str]:
    """Create what is missing of the demo and say where to find it; safe to run twice.

    The previous round is made only where the first bank is installed beside a newer
    current one (a test shelf of one bank has just the two later rounds)."""
    bank = shelf.current
    council = councils.council_by_slug(COUNCIL_SLUG) or councils.create_council(
        COUNCIL_SLUG, COUNCIL_NAME
    )
    if accounts.user_by_email(LEADER_EMAIL) is None:
        accounts.create_user(
            LEADER_EMAIL, generate_password_hash(LEADER_PASSWORD), "leader", council
        )
    made = {a.title: a for a in assessments.assessments_for(council)}
    lines = [f"Demo council: {COUNCIL_NAME}"]
    previous = None
    if PREVIOUS_VERSION in shelf.versions and bank.version != PREVIOUS_VERSION:
        previous = _closed_round(
            council,
            made.get(PREVIOUS_TITLE),
            PREVIOUS_TITLE,
            shelf.get(PREVIOUS_VERSION),
            synthetic_responses(
                shelf.get(PREVIOUS_VERSION), SEED - 1, PREVIOUS_RESPONSES, PREVIOUS_SHIFT
            ),
        )
        lines.append(_closed_line("Previous round", previous))
        _demo_targets(previous, PREVIOUS_TARGETS, shelf.get(PREVIOUS_VERSION))
        _told_staff(previous)
    results_round = _closed_round(
        council, made.get(ASSESSMENT_TITLE), ASSESSMENT_TITLE, bank, synthetic_responses(bank)
    )
    _demo_targets(results_round, TARGETS, bank)
    open_round = made.get(OPEN_TITLE) or bank_versions.new_assessment(council, OPEN_TITLE, 5, bank)
    # Each round follows the one before (made here in order, so none can loop).
    chain = [previous] if previous is not None else []
    for earlier, later in zip([*chain, results_round], [results_round, open_round], strict=True):
        if later.previous_assessment_id is None:
            rounds.set_previous(later, earlier.id)
    return [
        *lines,
        _closed_line("Results", results_round),
        f"Answering: assessment {open_round.id}, {open_round.status}",
        f"Open {absolute('pages.home')}",
        f"Leader sign-in: {LEADER_EMAIL} / {LEADER_PASSWORD}",
        f"Officer invitation link: {invitation_link(open_round)}",
    ]


def _closed_round(council, found, title: str, bank: Bank, people: list[ImportedResponse]):
    """The round `found`, or a new one answered by `people`; closed with its results made."""
    if found is None:
        found = bank_versions.new_assessment(council, title, 5, bank)
        imports.import_responses(found, people, bank)
        _add_comments(bank, found)
    if found.status != "closed" or snapshots.stored(found) is None:
        closing.close(found, bank)
    return found


def _demo_targets(round_, wanted: dict[str, int], bank: Bank) -> None:
    """The demo's targets, on a round that has none yet: a leader's own are kept."""
    if not targets.targets(round_):
        themes = {theme.id for theme in bank.themes}
        targets.set_targets(round_, {t: n for t, n in wanted.items() if t in themes}, None)


def _told_staff(previous) -> None:
    """The previous round's action plan, its results date, and its staff page published,
    as a council a year on would have them; a round that has actions is left as it is."""
    if actions.actions_of(previous):
        return
    for title, theme_id, owner, due, measure, status in PREVIOUS_ACTIONS:
        values = {"title": title, "theme_id": theme_id, "owner": owner, "due": due}
        actions.add_action(previous, None, {**values, "measure": measure, "status": status})
    assessments.set_results_shared_on(previous, PREVIOUS_SHARED_ON)
    assessments.publish_staff_page(previous, accounts.user_by_email(LEADER_EMAIL))


def _closed_line(name: str, closed) -> str:
    _, submitted = results.response_counts(closed)
    return (
        f"{name}: assessment {closed.id} (bank {closed.bank_version}), closed, "
        f"{submitted} responses"
    )
