"""Deterministic names and minutes text for the generated database.

The vocabulary is weighted (a few words very common, most rare), as real minutes are, so a
search for a common word finds thousands of items and a rare one a handful.
"""

from __future__ import annotations

import random
from itertools import accumulate

FIRST = [
    "Alex", "Amira", "Ben", "Carys", "Chidi", "Dawn", "Deepa", "Eleanor", "Emma", "Farid", "Grace",
    "Hannah", "Ian", "Imran", "Jade", "Jamal", "Karen", "Kwame", "Laura", "Liam", "Mandeep",
    "Mark", "Nadia", "Niamh", "Oliver", "Olu", "Paula", "Priya", "Rachel", "Rhys", "Sally", "Sam",
    "Sian", "Tariq", "Tom", "Una", "Vikram", "Wendy", "Yusuf", "Zara",
]
LAST = [
    "Ahmed", "Baird", "Bennett", "Clarke", "Davies", "Edwards", "Evans", "Fisher", "Green",
    "Halls", "Harris", "Hughes", "Iqbal", "Jones", "Kaur", "Khan", "Lewis", "Morgan", "Nowak",
    "Okafor", "Owen", "Patel", "Price", "Roberts", "Shah", "Singh", "Smith", "Taylor", "Thomas",
    "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright", "Young",
]
JOBS = ("Head of Service", "Designated Nurse", "Detective Inspector", "Team Manager",
        "Safeguarding Lead", "Education Officer", "Probation Officer", "Service Manager",
        "Named Doctor", "Business Manager", "Head Teacher", "Practice Manager")
SECTORS = ("local_authority", "police", "health", "education", "probation", "youth_justice",
           "voluntary", "other")
PLACES = ("Hereford", "Leominster", "Ross", "Ledbury", "Bromyard", "Kington", "Dudley",
          "Stourbridge", "Halesowen", "Hertford", "Stevenage", "Watford", "Hitchin", "Ware")
TOPICS = ("Apologies and introductions", "Minutes of the last meeting and action log",
          "Serious case review", "Child sexual exploitation", "Neglect strategy",
          "Early help offer", "Performance report", "Section 11 audit", "Training update",
          "Private fostering", "Domestic abuse", "Missing children", "Learning and improvement",
          "Budget", "Risk register", "Any other business", "Case audit findings",
          "Voice of the child", "Online safety", "Escalation policy")
COURSES = ("Working together", "Neglect", "Child sexual exploitation", "Domestic abuse",
           "Graded care profile", "Safer recruitment", "Harmful sexual behaviour",
           "Parental mental health", "Online safety", "Early help assessment")

_COMMON = [
    "the", "of", "and", "to", "a", "in", "that", "for", "was", "were", "board", "would", "be",
    "on", "with", "it", "this", "as", "by", "report", "should", "had", "been", "agreed", "noted",
    "discussed", "chair", "members", "partners", "children", "young", "people", "safeguarding",
    "multi", "agency", "review",
]
_MIDDLE = [
    "assurance", "audit", "referrals", "threshold", "strategy", "partnership", "practice",
    "training", "families", "schools", "police", "health", "social", "care", "early", "help",
    "plan", "concerns", "data", "quarter", "performance", "risk", "exploitation", "neglect",
    "domestic", "abuse", "missing", "case", "learning", "update", "group", "meeting", "action",
    "findings", "recommendations", "escalation", "timescales", "workforce", "capacity", "funding",
    "governance", "consultation", "evaluation", "thematic", "themes", "outcomes", "feedback",
    "inspection", "ofsted", "framework", "protocol",
]
_RARE = [
    "paediatrician", "adolescent", "radicalisation", "trafficking", "fabricated", "bruising",
    "coroner", "ombudsman", "chronology", "genogram", "advocacy", "deprivation", "homelessness",
    "interpreter", "commissioning", "tendering", "disclosure", "vetting", "honour", "mutilation",
    "gangs", "county", "lines", "lanyard", "kinship", "fostering", "adoption", "caldicott",
    "dashboard", "benchmarking", "triangulation", "attrition", "sanctuary", "perinatal",
    "bereavement",
]
WORDS: tuple[str, ...] = tuple(_COMMON + _MIDDLE + _RARE)
_WEIGHTS = [60.0] * len(_COMMON) + [8.0] * len(_MIDDLE) + [0.4] * len(_RARE)
_CUMULATIVE = list(accumulate(_WEIGHTS))


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def words(rng: random.Random, count: int) -> list[str]:
    return rng.choices(WORDS, cum_weights=_CUMULATIVE, k=count)


def sentence(rng: random.Random, count: int) -> str:
    chosen = words(rng, count)
    return " ".join(chosen).capitalize() + "."


def paragraphs(rng: random.Random, word_count: int) -> list[str]:
    """About `word_count` words as paragraphs of sentences of 8 to 20 words."""
    result: list[str] = []
    left = word_count
    while left > 0:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            if left <= 0:
                break
            size = min(left, rng.randint(8, 20))
            sentences.append(sentence(rng, size))
            left -= size
        result.append(" ".join(sentences))
    return result


def minutes_html(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)
