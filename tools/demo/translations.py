"""The French and Spanish texts of the demo (issue 15, item 7): the reference
news post, the cities' summaries and the category's name. Written in the
association's words (locale/GLOSSARY.md); the English source is in data.py.
The post's copy stops after "2021-2023: to": so do its translations."""

# French puts a non-breaking space before a colon.
NBSP = "\u00a0"

CATEGORY_NAME = {"name_fr": "Innovation urbaine", "name_es": "Innovación urbana"}

CITY_SUMMARIES = {
    "guangzhou": {
        "summary_fr": (
            "L'une des 33 mégapoles de la planète, membre de Metropolis depuis "
            "1993, présidente de l'association et siège de son Secrétariat "
            "régional pour l'Asie-Pacifique."
        ),
        "summary_es": (
            "Una de las 33 megaciudades del planeta, miembro de Metropolis desde "
            "1993, presidenta de la asociación y sede de su Secretaría Regional "
            "para Asia-Pacífico."
        ),
    },
    "barcelona": {
        "summary_fr": "Siège du Secrétariat général de Metropolis.",
        "summary_es": "Sede de la Secretaría General de Metropolis.",
    },
    "berlin": {
        "summary_fr": (
            "Membre depuis 1991, présidente de Metropolis de 2018 à 2020 et siège "
            "du Secrétariat régional pour l'Europe."
        ),
        "summary_es": (
            "Miembro desde 1991, presidenta de Metropolis de 2018 a 2020 y sede "
            "de la Secretaría Regional para Europa."
        ),
    },
    "dakar": {
        "summary_fr": "Siège du Secrétariat régional pour l'Afrique.",
        "summary_es": "Sede de la Secretaría Regional para África.",
    },
    "montevideo": {
        "summary_fr": (
            "Siège du Secrétariat régional pour l'Amérique latine et les Caraïbes."
        ),
        "summary_es": "Sede de la Secretaría Regional para América Latina y el Caribe.",
    },
    "mexico-city": {
        "summary_fr": "Siège du Secrétariat régional pour l'Amérique du Nord.",
        "summary_es": "Sede de la Secretaría Regional para América del Norte.",
    },
}

NEWS_POST_BODY_FR = f"""\
Metropolis et le Bureau des affaires étrangères de Guangzhou ont signé un accord le \
15 juillet 2021. La cérémonie officielle de signature s'est tenue en ligne entre le \
nouveau secrétaire régional pour l'Asie-Pacifique, Zhan Decun, et le secrétaire \
général Octavi de la Varga. Ce protocole d'accord historique de trois ans avec \
Guangzhou vise à étendre la mission de Metropolis et à renforcer notre Plan d'action \
stratégique dans le monde entier pour la période 2021-2023.

Guangzhou est membre de Metropolis depuis 1993 et siège depuis de nombreuses années \
au Conseil d'administration. Depuis 2014, Guangzhou a renforcé sa participation pour \
jouer un rôle moteur au sein de l'association\u00a0: elle accueille aujourd'hui le \
Secrétariat régional de Metropolis pour l'Asie-Pacifique et assure actuellement la \
**présidence de l'association**.

L'une des 33 mégapoles de la planète (des villes d'au moins 10 millions \
d'habitants), **Guangzhou incarne le processus de métropolisation**, un phénomène \
mondial sans précédent dans l'histoire de l'humanité. Ville réputée pour la richesse \
et la diversité de son histoire et de sa culture, elle est l'une des villes centrales \
de la Chine, mais aussi un centre international de commerce et d'affaires et un \
carrefour de transports intégrés. Avec un produit régional brut de 2\u00a0360 \
milliards de yuans en 2019, elle compte parmi les zones métropolitaines les plus \
ouvertes, prospères et tournées vers le marché de Chine, au service d'une population \
de plus de 22 millions d'habitants. Au cours de ses 2\u00a0200 ans d'histoire, \
Guangzhou a été une étape de l'ancienne route maritime de la soie, le berceau de la \
culture lingnan comme de la révolution moderne chinoise, et elle se trouve à l'avant-\
garde de la réforme et de l'ouverture de la Chine. En 2016, Guangzhou est arrivée en \
tête de l'indice de développement humain du PNUD parmi toutes les villes de Chine \
continentale.

Cet accord s'inscrit dans les alliances de Metropolis avec ses membres octroyants, \
c'est-à-dire des alliances avec des membres de Metropolis soutenues par l'une de nos \
villes membres. Dans le cadre de ce type d'alliance, Guangzhou et Metropolis \
contribueront pendant trois ans à l'une des missions premières et fondamentales de \
Metropolis, afin de remplir les objectifs de mise en œuvre du Plan d'action \
stratégique 2021-2023 de Metropolis{NBSP}:

En tant que Secrétariat régional pour l'Asie-Pacifique, Guangzhou s'engage à \
renforcer son leadership et à soutenir le fonctionnement du Secrétariat général de \
Metropolis, avec l'objectif de laisser un héritage durable fondé sur les priorités \
stratégiques de la ville et sur le Plan d'action stratégique mentionné plus haut, \
afin de mieux servir les membres de Metropolis et de leur être utile, en particulier \
aux membres de la région Asie-Pacifique.

Pour en savoir plus sur les alliances de Metropolis, consultez la rubrique Alliances \
et contactez Agnès Charlotte Bickart, responsable principale des relations \
institutionnelles et du portefeuille Asie.
"""

NEWS_POST_BODY_ES = """\
Metropolis y la Oficina de Asuntos Exteriores de Guangzhou firmaron un acuerdo el \
15 de julio de 2021. La ceremonia oficial de firma se celebró de forma virtual entre \
el nuevo secretario regional para Asia-Pacífico, Zhan Decun, y el secretario general \
Octavi de la Varga. Este histórico memorando de entendimiento de tres años con \
Guangzhou tiene como objetivo ampliar la misión de Metropolis y reforzar nuestro Plan \
de Acción Estratégico en todo el mundo durante el período 2021-2023.

Guangzhou es miembro de Metropolis desde 1993 y forma parte desde hace muchos años \
del Consejo de Dirección. Desde 2014, Guangzhou ha intensificado su participación \
hasta asumir un papel de liderazgo en la asociación: hoy gestiona la Secretaría \
Regional de Metropolis para Asia-Pacífico y ejerce actualmente la **presidencia de \
la asociación**.

Como una de las 33 megaciudades del planeta (ciudades de al menos 10 millones de \
habitantes), **Guangzhou encarna el proceso de metropolización**, un fenómeno que \
se da en todo el mundo y que no tiene precedentes en la historia de la humanidad. Es \
una ciudad conocida por la riqueza y el colorido de su historia y su cultura; como \
una de las ciudades centrales de China, es también un centro internacional de \
comercio y negocios y un nodo de transporte integrado. Con un producto regional \
bruto de 2,36 billones de yuanes en 2019, la ciudad es una de las áreas \
metropolitanas más abiertas, prósperas y orientadas al mercado de China, y da \
servicio a una población de más de 22 millones de habitantes. A lo largo de sus \
2200 años de historia, Guangzhou fue una escala de la antigua Ruta Marítima de la \
Seda, cuna de la cultura lingnan y de la revolución moderna china, y está a la \
vanguardia de la reforma y la apertura de China. En 2016, Guangzhou encabezó el \
Índice de Desarrollo Humano del PNUD entre todas las ciudades de China continental.

Este acuerdo forma parte de las alianzas de Metropolis con sus miembros otorgantes, \
es decir, alianzas con miembros de Metropolis respaldadas por una de nuestras \
ciudades miembro. En el marco de este tipo de alianza, Guangzhou y Metropolis \
contribuirán durante tres años a una de las misiones primordiales y fundamentales \
de Metropolis, con el fin de cumplir los objetivos de despliegue del Plan de Acción \
Estratégico 2021-2023 de Metropolis:

Como Secretaría Regional para Asia-Pacífico, Guangzhou se compromete a reforzar su \
liderazgo y a apoyar el funcionamiento de la Secretaría General de Metropolis, con \
el objetivo de dejar un legado profundo basado en las prioridades estratégicas de la \
ciudad y en el Plan de Acción Estratégico mencionado, para servir mejor y beneficiar \
a los miembros de Metropolis, en especial a los de la región de Asia-Pacífico.

Para más información sobre las alianzas de Metropolis, visite la sección Alianzas y \
póngase en contacto con Agnès Charlotte Bickart, responsable sénior de Relaciones \
Institucionales y de la Cartera de Asia.
"""

NEWS_POST = {
    "title_fr": (
        "Metropolis signe un accord de collaboration avec Guangzhou pour étendre "
        "notre mission dans le monde entier"
    ),
    "title_es": (
        "Metropolis firma un acuerdo de colaboración con Guangzhou para ampliar "
        "nuestra misión en todo el mundo"
    ),
    "summary_fr": (
        "Metropolis et le Bureau des affaires étrangères de Guangzhou ont signé le "
        "15 juillet 2021 un protocole d'accord de trois ans pour étendre la mission "
        "de Metropolis et renforcer son Plan d'action stratégique 2021-2023 dans le "
        "monde entier."
    ),
    "summary_es": (
        "Metropolis y la Oficina de Asuntos Exteriores de Guangzhou firmaron el 15 "
        "de julio de 2021 un memorando de entendimiento de tres años para ampliar la "
        "misión de Metropolis y reforzar su Plan de Acción Estratégico 2021-2023 en "
        "todo el mundo."
    ),
    "body_fr": NEWS_POST_BODY_FR,
    "body_es": NEWS_POST_BODY_ES,
}
