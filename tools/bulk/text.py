"""Synthetic names and prose, the same for the same seed.

A city's name is computed from its number alone, so that any row can name a
city (an alliance's counterpart, a post's title) without holding every city
in memory.
"""

import random

SYLLABLES = [
    "ka",
    "mo",
    "ra",
    "ven",
    "dor",
    "li",
    "sa",
    "tam",
    "bel",
    "qui",
    "no",
    "ar",
    "es",
    "ton",
    "bur",
    "gra",
    "lo",
    "mi",
    "zan",
    "ta",
    "vel",
    "cor",
    "ni",
    "pa",
    "dal",
    "sun",
    "ema",
    "ori",
    "hal",
]
PREFIXES = ("New ", "Port ", "San ", "Santa ", "Lake ", "North ", "Upper ")
# Words the search benchmark looks for: each is in many summaries.
SEARCH_WORDS = ("harbour", "transit", "resilience", "housing", "waterfront")
TOPICS = (
    "climate adaptation",
    "public transit",
    "affordable housing",
    "urban innovation",
    "gender equality",
    "metropolitan governance",
    "waterfront renewal",
    "digital public services",
    "air quality",
    "food security",
    "heat resilience",
    "participatory budgets",
)
VERBS = (
    "launches",
    "hosts",
    "joins",
    "presents",
    "opens",
    "signs",
    "reviews",
    "celebrates",
)
EVENTS = (
    "a forum on",
    "a programme for",
    "a study of",
    "a network on",
    "a pilot in",
    "an exchange on",
)
OFFICES = (
    "Foreign Affairs Office",
    "City Council",
    "Metropolitan Authority",
    "Office of International Relations",
    "Urban Planning Department",
)
PARTNERS = (
    "United Nations Human Settlements Programme",
    "World Bank",
    "Inter-American Development Bank",
    "Cities Alliance",
    "Urban Research Institute",
    "Global Mayors Foundation",
)
FIRST_NAMES = [
    "Amina",
    "Ana",
    "Bruno",
    "Chen",
    "Daniela",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lucia",
    "Marta",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sofia",
    "Tomas",
    "Wei",
    "Yara",
]
LAST_NAMES = [
    "Abara",
    "Bianchi",
    "Costa",
    "Diallo",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Li",
    "Mensah",
    "Novak",
    "Okafor",
    "Pereira",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
    "Usman",
    "Vidal",
]
SENTENCE_PARTS = (
    ("The metropolitan area", "The city council", "The regional government", "Mayors"),
    ("expands", "reviews", "funds", "plans", "measures", "shares"),
    (
        "its harbour district",
        "transit corridors",
        "resilience to floods",
        "social housing",
        "the waterfront",
        "green public spaces",
        "data on air quality",
        "services for new residents",
    ),
    (
        "with its neighbourhoods.",
        "for the next decade.",
        "with partner cities.",
        "after a public consultation.",
        "in line with the Strategic Action Plan.",
        "with support from the association.",
    ),
)


def city_name(seed: int, number: int) -> str:
    rng = random.Random(f"{seed}:city:{number}")
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    prefix = rng.choice(PREFIXES) if rng.random() < 0.15 else ""
    return prefix + name.capitalize()


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def sentence_pool(seed: int, size: int = 400) -> list[str]:
    """Sentences to draw prose from: drawing is far quicker than composing."""
    rng = random.Random(f"{seed}:sentences")
    return [" ".join(rng.choice(part) for part in SENTENCE_PARTS) for _ in range(size)]


def prose(rng: random.Random, pool: list[str], sentences: int) -> str:
    return " ".join(rng.choice(pool) for _ in range(sentences))


def markdown_body(rng: random.Random, pool: list[str], topic: str) -> str:
    paragraphs = [prose(rng, pool, rng.randint(2, 4)) for _ in range(3)]
    points = "\n".join(f"- {rng.choice(pool)}" for _ in range(3))
    return (
        f"{paragraphs[0]}\n\n## {topic.capitalize()}\n\n{paragraphs[1]}\n\n"
        f"{points}\n\n{paragraphs[2]}"
    )
