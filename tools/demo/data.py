"""
The demo data: the reference news post of 2 August 2021 and the facts around it.

Sources, besides the post itself (shared/reference/news-2021-08-02-guangzhou-
alliance.txt): metropolis.org news (the October 2020 statutory meetings made the
mayor of Guangzhou President and approved the Strategic Action Plan 2021–2023;
the Board appointed the regional secretariats in Montréal on 20 June 2017),
agora.metropolis.org (the regional secretariats in late 2020), berlin.de (Berlin
in Metropolis) and national censuses. Where a source gives only a year or a month,
the day is a stated choice. Where nothing public was found, a field is left empty
rather than invented; the comments say which values are choices.

Records refer to each other by natural key: regions by slug, cities by slug,
people by name.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from alliances.models import Alliance, AllianceSignatory
from members.models import BoardMandate, MemberCity
from news.models import NewsPost

MADRID = ZoneInfo("Europe/Madrid")
Role = BoardMandate.Role

REGIONS = [
    {"code": "AF", "name": "Africa", "slug": "africa"},
    {"code": "AP", "name": "Asia-Pacific", "slug": "asia-pacific"},
    {"code": "EU", "name": "Europe", "slug": "europe"},
    {
        "code": "LAC",
        "name": "Latin America & Caribbean",
        "slug": "latin-america-caribbean",
    },
    {"code": "NA", "name": "North America", "slug": "north-america"},
]

GUANGZHOU = {
    "slug": "guangzhou",
    "name": "Guangzhou",
    "country": "CN",
    "region": "asia-pacific",
    "category": MemberCity.Category.FULL,
    # Capital of Guangdong province, not of a country.
    "is_capital": False,
    # "Serving a population of more than 22 million" (the post, August 2021).
    "population": 22_000_000,
    "population_year": 2021,
    "join_year": 1993,
    "status": MemberCity.Status.ACTIVE,
    "income_band": MemberCity.IncomeBand.UPPER_MIDDLE,
    "membership_type": MemberCity.MembershipType.JOINT,
    "website": "https://www.gz.gov.cn/",
    "summary": (
        "One of the planet's 33 megacities, member of Metropolis since 1993, "
        "President of the association and host of its Regional Secretariat for "
        "Asia-Pacific."
    ),
    "description": (
        "Guangzhou embodies the metropolisation process. It is a city noted for "
        "its rich and colourful history and culture; as one of China's central "
        "cities, it is also an international trade and commercial centre and "
        "integrated transportation hub, and one of the most open, prosperous and "
        "market-oriented metropolitan areas in China.\n\n"
        "During its 2,200 years of history, Guangzhou was a stop on the ancient "
        "Maritime Silk Road, was home to Lingnan culture as well as China's modern "
        "revolution, and stands at the forefront of Chinese reform and opening-up. "
        "In 2016, Guangzhou topped the list on the UNDP's Human Development Index "
        "out of all the cities on the Chinese mainland."
    ),
    # "A 2.36 trillion-yuan gross regional product in 2019."
    "grp_amount": Decimal("2360000000000.00"),
    "grp_currency": "CNY",
    "grp_year": 2019,
}

# Membership types other than Barcelona's are not public: the model's default
# (joint) stands. Populations are the latest census or official count found,
# rounded where marked.
OTHER_CITIES = [
    {
        "slug": "barcelona",
        "name": "Barcelona",
        "country": "ES",
        "region": "europe",
        "is_capital": False,
        "population": 1_600_000,  # rounded; Barcelona municipality
        "population_year": 2021,
        # The City Council joined in 2017 as a joint UCLG member; the Secretariat
        # General has long had its office in the city.
        "join_year": 2017,
        "income_band": MemberCity.IncomeBand.HIGH,
        "membership_type": MemberCity.MembershipType.JOINT,
        "website": "https://www.barcelona.cat/",
        "summary": "Home of the Metropolis Secretariat General.",
    },
    {
        "slug": "berlin",
        "name": "Berlin",
        "country": "DE",
        "region": "europe",
        "is_capital": True,
        "population": 3_700_000,  # rounded
        "population_year": 2021,
        "join_year": 1991,
        "income_band": MemberCity.IncomeBand.HIGH,
        "website": "https://www.berlin.de/",
        "summary": (
            "Member since 1991, President of Metropolis from 2018 to 2020 and "
            "host of the Regional Secretariat for Europe."
        ),
    },
    {
        "slug": "dakar",
        "name": "Dakar",
        "country": "SN",
        "region": "africa",
        "is_capital": True,
        "population": 1_100_000,  # rounded; the city (commune) at the 2013 census
        "population_year": 2013,
        # A member by 2017 at the latest (Regional Secretariat for Africa from
        # June 2017); the year it joined was not found.
        "join_year": 2017,
        "income_band": MemberCity.IncomeBand.LOWER_MIDDLE,
        "summary": "Host of the Regional Secretariat for Africa.",
    },
    {
        "slug": "montevideo",
        "name": "Montevideo",
        "country": "UY",
        "region": "latin-america-caribbean",
        "is_capital": True,
        "population": 1_319_108,  # department, 2011 census
        "population_year": 2011,
        # A member by 2017 at the latest (Co-President and Regional Secretariat
        # from June 2017); the year it joined was not found.
        "join_year": 2017,
        "income_band": MemberCity.IncomeBand.HIGH,
        "website": "https://montevideo.gub.uy/",
        "summary": "Host of the Regional Secretariat for Latin America & Caribbean.",
    },
    {
        "slug": "mexico-city",
        "name": "Mexico City",
        "country": "MX",
        # The association's own regions: Mexico City has run the Regional
        # Secretariat for North America since 2017.
        "region": "north-america",
        "is_capital": True,
        "population": 9_209_944,  # 2020 census
        "population_year": 2020,
        # It hosted the 2nd Metropolis World Congress in 1987: a member by then.
        "join_year": 1987,
        "income_band": MemberCity.IncomeBand.UPPER_MIDDLE,
        "website": "https://www.cdmx.gob.mx/",
        "summary": "Host of the Regional Secretariat for North America.",
    },
]

# City centres (WGS 84, degrees north and east), from public gazetteers,
# rounded to four decimals (about ten metres).
COORDINATES = {
    "guangzhou": ("23.1291", "113.2644"),
    "barcelona": ("41.3874", "2.1686"),
    "berlin": ("52.5200", "13.4050"),
    "dakar": ("14.6928", "-17.4467"),
    "montevideo": ("-34.9011", "-56.1645"),
    "mexico-city": ("19.4326", "-99.1332"),
}

CITIES = [
    {
        **city,
        "latitude": Decimal(COORDINATES[city["slug"]][0]),
        "longitude": Decimal(COORDINATES[city["slug"]][1]),
    }
    for city in [GUANGZHOU, *OTHER_CITIES]
]

BOARD_MANDATES = [
    # Guangzhou: "member of the Board of Directors for many years" and "since
    # 2014 ... a leading role"; a Co-President in 2016 and 2017. Only the year
    # 1996 is given for the first mandate: 1 January is a choice.
    {
        "member": "guangzhou",
        "role": Role.BOARD_MEMBER,
        "start_date": datetime.date(1996, 1, 1),
        "end_date": datetime.date(2013, 12, 31),
    },
    {
        "member": "guangzhou",
        "role": Role.CO_PRESIDENT,
        "start_date": datetime.date(2014, 1, 1),
        "end_date": datetime.date(2020, 10, 31),
    },
    # The October 2020 statutory meetings made the mayor of Guangzhou President;
    # Berlin's presidency ran "to November 2020": the demo starts Guangzhou's on
    # 1 November 2020. Open-ended because DESIGN.md has Guangzhou "President now".
    {
        "member": "guangzhou",
        "role": Role.PRESIDENT,
        "start_date": datetime.date(2020, 11, 1),
        "end_date": None,
    },
    # Berlin (berlin.de): Co-President from 2014, acting President from November
    # 2017 (as a Co-President), President from August 2018 to November 2020.
    {
        "member": "berlin",
        "role": Role.CO_PRESIDENT,
        "start_date": datetime.date(2014, 1, 1),
        "end_date": datetime.date(2018, 7, 31),
    },
    {
        "member": "berlin",
        "role": Role.PRESIDENT,
        "start_date": datetime.date(2018, 8, 1),
        "end_date": datetime.date(2020, 10, 31),
    },
]

# The Board appointed the regional secretariats in Montréal on 20 June 2017; the
# same five cities still held them in late 2020, with no end date published, so
# the demo leaves the terms open.
APPOINTED_IN_MONTREAL = datetime.date(2017, 6, 20)
SECRETARIATS = [
    {
        "region": "africa",
        "member": "dakar",
        "start_date": APPOINTED_IN_MONTREAL,
        "end_date": None,
        "secretary": None,
    },
    {
        "region": "asia-pacific",
        "member": "guangzhou",
        "start_date": APPOINTED_IN_MONTREAL,
        "end_date": datetime.date(2020, 10, 31),
        "secretary": None,
    },
    # Renewed with the 2020 General Assembly; the post of July 2021 calls Zhan
    # Decun "the new Regional Secretary". His exact start is not public.
    {
        "region": "asia-pacific",
        "member": "guangzhou",
        "start_date": datetime.date(2020, 11, 1),
        "end_date": None,
        "secretary": "Zhan Decun",
    },
    {
        "region": "europe",
        "member": "berlin",
        "start_date": APPOINTED_IN_MONTREAL,
        "end_date": None,
        "secretary": None,
    },
    {
        "region": "latin-america-caribbean",
        "member": "montevideo",
        "start_date": APPOINTED_IN_MONTREAL,
        "end_date": None,
        "secretary": None,
    },
    {
        "region": "north-america",
        "member": "mexico-city",
        "start_date": APPOINTED_IN_MONTREAL,
        "end_date": None,
        "secretary": None,
    },
]

# No e-mail or phone: none is published, and the demo invents none.
PEOPLE = [
    {
        "name": "Octavi de la Varga",
        "position_title": "Secretary General",
        "organisation": None,  # the Secretariat General
        "is_public": True,
    },
    {
        "name": "Zhan Decun",
        "position_title": "Regional Secretary for Asia-Pacific",
        "organisation": "guangzhou",
        "is_public": True,
    },
    {
        "name": "Agnès Charlotte Bickart",
        "position_title": (
            "Senior Manager for Institutional Relations and the Asia Portfolio"
        ),
        "organisation": None,
        "is_public": True,
    },
]

PLAN = {
    "slug": "strategic-action-plan-2021-2023",
    "title": "Strategic Action Plan 2021–2023",
    "first_year": 2021,
    "last_year": 2023,
    "summary": (
        "Active listening to transform our metropolitan spaces. Approved by the "
        "General Assembly in October 2020, the plan gives Metropolis' members "
        "directions and pathways to tackle their challenges and optimise their "
        "governance over three years."
    ),
}
# Paraphrased from public descriptions of the plan, in the order given there;
# not the plan's own wording.
PLAN_OBJECTIVES = [
    "Listen actively to the different metropolitan realities of our members.",
    "Respond nimbly to emerging metropolitan challenges.",
    "Find opportunities to build more equitable, resilient and prosperous societies.",
    "Help metropolises voice their views in the international community.",
]

ALLIANCE = {
    "slug": "guangzhou-mou-2021",
    "title": "Alliance with Guangzhou: Memorandum of Understanding 2021–2024",
    "kind": Alliance.Kind.GRANTING_MEMBER,
    "instrument": Alliance.Instrument.MOU,
    "granting_member": "guangzhou",
    "counterpart": "Guangzhou Foreign Affairs Office",
    "signed_on": datetime.date(2021, 7, 15),
    "signing_format": Alliance.SigningFormat.VIRTUAL,
    # Three years from 15 July 2021: in force until 14 July 2024 (computed).
    "start_date": datetime.date(2021, 7, 15),
    "term_years": 3,
    "plan": "strategic-action-plan-2021-2023",
    "contact": "Agnès Charlotte Bickart",
    "summary": (
        "A three-year Memorandum of Understanding between Metropolis and the "
        "Guangzhou Foreign Affairs Office, signed virtually on 15 July 2021 by "
        "Secretary General Octavi de la Varga and Zhan Decun, Regional Secretary "
        "for Asia-Pacific. It focuses on expanding Metropolis' mission and "
        "strengthening the Strategic Action Plan 2021–2023 worldwide."
    ),
    "objectives": (
        "- Contribute, over three years, to one of the primary and fundamental "
        "missions of Metropolis, fulfilling the objectives of deploying the "
        "Strategic Action Plan 2021–2023.\n"
        "- Boost Guangzhou's leadership as Regional Secretariat for Asia-Pacific "
        "and support the running of the Secretariat General.\n"
        "- Leave a profound legacy based on the city's strategic priorities and "
        "the Strategic Action Plan, to better serve the members of Metropolis, "
        "especially in the Asia-Pacific region."
    ),
    "internal_notes": (
        "Follow-up at the Secretariat General: Agnès Charlotte Bickart (Asia "
        "Portfolio). Guangzhou also runs the Regional Secretariat for "
        "Asia-Pacific and holds the presidency: keep both in mind when reporting. "
        "No extension is recorded, so the term ended on 14 July 2024."
    ),
}
SIGNATORIES = [
    {"person": "Octavi de la Varga", "side": AllianceSignatory.Side.ASSOCIATION},
    {"person": "Zhan Decun", "side": AllianceSignatory.Side.COUNTERPART},
]

CATEGORY = {"slug": "urban-innovation", "name": "Urban Innovation"}

# The reference post, transcribed. Its copy shows nothing after "2021-2023: to"
# (the list that followed on the site was not captured): nothing is invented in
# its place. Line breaks inside paragraphs of the copy are joined.
NEWS_POST_BODY = """\
Metropolis and the Guangzhou Foreign Affairs Office signed an Agreement on 15 July \
2021. The official signing ceremony was held virtually between the new Regional \
Secretary for the Asia Pacific region, Zhan Decun, and Secretary General Octavi de \
la Varga. The historic three-year Memorandum of Understanding (MOU) with Guangzhou \
focuses on expanding Metropolis' mission and strengthening our Strategic Action Plan \
worldwide for the 2021-2023 period.

Guangzhou has been a member of Metropolis since 1993 and member of the Board of \
Directors for many years. Since 2014, Guangzhou has stepped up its participation to \
play a leading role in the association, and it now operates the Metropolis Regional \
Secretariat for the Asia Pacific region and currently acts as **President of the \
association**.

As one of the planet's 33 megacities (a city with at least 10 million inhabitants), \
**Guangzhou embodies the metropolisation process**—a phenomenon that is taking place \
worldwide and is unprecedented in the history of humanity. It is a city noted for \
its rich and colourful history and culture; as one of China's central cities, it's \
also an international trade and commercial centre and integrated transportation hub. \
With a 2.36 trillion-yuan gross regional product in 2019, the city is one of the \
most open, prosperous and market-oriented metropolitan areas in China, serving a \
population of more than 22 million. During its 2,200 years of history, Guangzhou \
was a stop on the ancient Maritime Silk Road, was home to Lingnan culture as well \
as China's modern revolution, and stands at the forefront of Chinese reform and \
opening-up. In 2016, Guangzhou topped the list on the UNDP's Human Development \
Index out of all the cities on the Chinese mainland.

This agreement is part of Metropolis' Alliances with its Granting Members, which \
are alliances with Metropolis members supported by one of our member cities. Under \
this type of alliance, Guangzhou and Metropolis will contribute to one of the \
primary and fundamental missions of Metropolis over the course of three years, in \
order to fulfil the objectives of deploying the Metropolis Strategic Action Plan \
2021-2023: to

As Regional Secretariat for the Asia Pacific region, Guangzhou is committed to \
boosting its leadership and supporting the running of the Metropolis Secretariat \
General, with the goal of leaving a profound legacy based on the city's strategic \
priorities and the abovementioned Strategic Action Plan, so as to better serve and \
benefit members of Metropolis, especially members in the Asian Pacific region.

For further information regarding Metropolis' Alliances, please visit the Alliances \
section and contact Agnès Charlotte Bickart, Senior Manager for Institutional \
Relations and the Asia Portfolio.
"""

NEWS_POST = {
    "slug": "metropolis-signs-collaboration-agreement-with-guangzhou",
    "title": (
        "Metropolis signs collaboration agreement with Guangzhou to expand our "
        "mission worldwide"
    ),
    "category": "urban-innovation",
    "summary": (
        "Metropolis and the Guangzhou Foreign Affairs Office signed a three-year "
        "Memorandum of Understanding on 15 July 2021 to expand Metropolis' mission "
        "and strengthen its Strategic Action Plan 2021-2023 worldwide."
    ),
    "body": NEWS_POST_BODY,
    "status": NewsPost.Status.PUBLISHED,
    # Dated Monday 2 August 2021; the hour is a choice.
    "published_at": datetime.datetime(2021, 8, 2, 9, 0, tzinfo=MADRID),
    "related_members": ["guangzhou"],
    "related_alliances": ["guangzhou-mou-2021"],
}
