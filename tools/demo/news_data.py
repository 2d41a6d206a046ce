"""The demo's illustrative news: examples dated from the day they were
created (their anchor), in English, French and Spanish. Never real news of the
association: every title starts with "Illustrative" and every text says it is
an example."""

import datetime
import zoneinfo

from django.conf import settings

from news.models import NewsPost

CATEGORIES = {
    "members": {"name": "Members", "name_fr": "Membres", "name_es": "Miembros"},
    "events": {"name": "Events", "name_fr": "Événements", "name_es": "Eventos"},
    "governance": {
        "name": "Governance",
        "name_fr": "Gouvernance",
        "name_es": "Gobernanza",
    },
    "alliances": {"name": "Alliances", "name_fr": "Alliances", "name_es": "Alianzas"},
    "urban-innovation": {
        "name": "Urban Innovation",
        "name_fr": "Innovation urbaine",
        "name_es": "Innovación urbana",
    },
}
NOTE = (
    "This is an example post of the demo data, not news of the association: "
    "its facts are illustrative."
)
# key -> category, days after the anchor, English, French, Spanish
# (title, summary).
POSTS = {
    "new-member": (
        "members",
        -2,
        ("Illustrative: a new member city joins", "How a new member is welcomed."),
        (
            "Exemple : une nouvelle ville membre",
            "Comment un nouveau membre est accueilli.",
        ),
        ("Ejemplo: una nueva ciudad miembro", "Cómo se acoge a un nuevo miembro."),
    ),
    "regional-meeting": (
        "events",
        -8,
        (
            "Illustrative: a regional meeting in Asia-Pacific",
            "Members meet in their region.",
        ),
        (
            "Exemple : une réunion régionale en Asie-Pacifique",
            "Les membres se réunissent dans leur région.",
        ),
        (
            "Ejemplo: una reunión regional en Asia-Pacífico",
            "Los miembros se reúnen en su región.",
        ),
    ),
    "urban-data": (
        "alliances",
        -15,
        (
            "Illustrative: an alliance on urban data",
            "A cooperation agreement in force.",
        ),
        (
            "Exemple : une alliance sur les données urbaines",
            "Un accord de coopération en vigueur.",
        ),
        (
            "Ejemplo: una alianza sobre datos urbanos",
            "Un acuerdo de cooperación en vigor.",
        ),
    ),
    "work-plan": (
        "governance",
        -25,
        (
            "Illustrative: the Board adopts its work plan",
            "The Board's priorities for the year.",
        ),
        (
            "Exemple : le Conseil adopte son plan de travail",
            "Les priorités du Conseil pour l'année.",
        ),
        (
            "Ejemplo: el Consejo aprueba su plan de trabajo",
            "Las prioridades del Consejo para el año.",
        ),
    ),
    "innovation-lab": (
        "urban-innovation",
        -40,
        ("Illustrative: an urban innovation lab opens", "Cities share what they try."),
        (
            "Exemple : un laboratoire d'innovation urbaine",
            "Les villes partagent leurs essais.",
        ),
        (
            "Ejemplo: un laboratorio de innovación urbana",
            "Las ciudades comparten sus ensayos.",
        ),
    ),
}
SCHEDULED = "assembly-registration"
POSTS[SCHEDULED] = (
    "events",
    10,
    (
        "Illustrative: registration for the General Assembly",
        "Scheduled: how to register.",
    ),
    (
        "Exemple : inscriptions à l'Assemblée générale",
        "Programmé : comment s'inscrire.",
    ),
    ("Ejemplo: inscripción en la Asamblea General", "Programado: cómo inscribirse."),
)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def post_values(key: str, anchor: datetime.date) -> dict:
    category, days, (title, summary), fr, es = POSTS[key]
    return {
        "title": title,
        "title_fr": fr[0],
        "title_es": es[0],
        "summary": summary,
        "summary_fr": fr[1],
        "summary_es": es[1],
        "body": f"{summary}\n\n{NOTE}",
        "category": category,
        "status": NewsPost.Status.PUBLISHED,
        "published_at": at(anchor + datetime.timedelta(days=days), 9),
    }
