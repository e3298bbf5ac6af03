"""Versions of one text: small hand-written corpora, grouped as a reader would group them."""

import datetime

from index.versions import MAX_TEXT_CHARS, version_groups

DISPATCH = """Le gouvernement libanais a présenté lundi sa démission, six jours après l'explosion qui a dévasté le port de Beyrouth et fait au moins 160 morts, a annoncé le Premier ministre Hassan Diab dans une allocution télévisée.
« J'annonce aujourd'hui la démission de ce gouvernement », a déclaré M. Diab, dénonçant un système de corruption « plus grand que l'État ».
Des milliers de manifestants s'étaient rassemblés samedi et dimanche dans le centre de la capitale pour réclamer le départ de toute la classe politique, accusée de négligence.
L'explosion de 2 750 tonnes de nitrate d'ammonium, stockées depuis six ans dans un entrepôt du port, a blessé plus de 6 000 personnes et laissé des dizaines de milliers de familles sans abri.
Le président Michel Aoun doit désormais engager des consultations avec les blocs parlementaires pour désigner un nouveau chef du gouvernement."""

REPUBLISHED = DISPATCH.replace("« ", '"').replace(" »", '"')
SHORTENED = "\n".join(DISPATCH.splitlines()[:4])

UPDATE = """Le Liban s'enfonce dans la crise politique : le cabinet de Hassan Diab a jeté l'éponge lundi soir sous la pression de la rue.
""" + DISPATCH.replace("au moins 160 morts", "au moins 163 morts") + """
Le Fonds monétaire international a appelé dans la soirée à des réformes rapides pour débloquer une aide dont le pays a un besoin urgent."""

REWRITE = """Sous la pression de la rue, Hassan Diab a jeté l'éponge. Le chef du gouvernement libanais a remis lundi soir la démission de son équipe, moins d'une semaine après la catastrophe du port de Beyrouth.
Dans un discours diffusé par la télévision, il a accusé les dirigeants du pays d'avoir laissé prospérer la corruption et d'avoir paralysé toute réforme depuis des mois.
Le drame, causé par des tonnes de nitrate d'ammonium entreposées sans précaution, a fait plus de 160 victimes et des milliers de blessés.
Les manifestants, qui avaient pris d'assaut plusieurs ministères pendant le week-end, réclament le départ de l'ensemble de la classe dirigeante.
Il revient maintenant au chef de l'État de mener des consultations pour trouver un successeur, une tâche qui s'annonce ardue."""

FOOTER = """Chaque matin, recevez notre lettre d'information avec l'essentiel de l'actualité politique, économique et internationale, les analyses de nos journalistes et une sélection de reportages. Inscrivez-vous gratuitement en quelques secondes depuis la page d'accueil de notre site ou depuis l'application mobile, et retrouvez aussi nos podcasts chaque semaine."""

#: Short items of one site, each with its own few words and the site's standard footer.
BRIEFS = [
    "La mairie de Lyon ouvre trois nouvelles piscines municipales dès le mois de juillet.",
    "Un incendie a détruit un entrepôt agricole près de Chartres dans la nuit de mardi.",
    "Le prix du gazole a reculé de deux centimes en une semaine dans les stations.",
    "Une tempête de neige a coupé plusieurs routes des Pyrénées pendant tout le week-end.",
    "Le musée d'Orsay prolonge de deux mois son exposition consacrée aux impressionnistes.",
    "Les contrôleurs aériens annoncent une grève pour jeudi dans les aéroports du Sud.",
    "Un loup a été aperçu à la lisière d'un village des Vosges par des randonneurs.",
    "La récolte de lavande s'annonce abondante en Provence après un printemps pluvieux.",
    "Le tribunal de Nantes a relaxé un militant écologiste poursuivi pour dégradation.",
    "Une start-up bordelaise lève dix millions d'euros pour ses batteries recyclables.",
    "Le Tour de France passera par la Bretagne lors de sa première semaine de course.",
    "La SNCF rétablit les trains de nuit entre Paris et Nice à partir de décembre.",
]

OTHER_STORY = """Le conseil municipal de Rennes a voté mardi soir un plan de rénovation de ses écoles primaires, estimé à quarante millions d'euros sur six ans, après plusieurs hivers où des classes ont dû fermer faute de chauffage.
Les travaux commenceront dès l'été prochain par les bâtiments les plus anciens, construits dans les années soixante, où l'isolation est la plus faible et où les fenêtres laissent passer l'air.
Les parents d'élèves, qui réclamaient ces rénovations depuis longtemps, saluent une décision attendue mais restent vigilants sur le calendrier annoncé par la majorité."""


#: An agency dispatch of six paragraphs, for the rules that weigh dates.
FIRE = [
    "Un violent incendie s'est déclaré mardi matin dans une usine chimique de la zone portuaire du Havre, provoquant un épais panache de fumée noire visible à plusieurs kilomètres, a indiqué la préfecture de Seine-Maritime.",
    "Les pompiers, mobilisés en nombre, ont installé un périmètre de sécurité de cinq cents mètres autour du site et demandé aux habitants des quartiers voisins de fermer leurs fenêtres et de limiter leurs déplacements.",
    "Selon les premiers éléments de l'enquête, le feu serait parti d'un entrepôt où étaient stockés des fûts de solvants destinés à l'industrie pharmaceutique, sans que la cause exacte soit encore connue.",
    "Aucune victime n'est à déplorer à ce stade, mais trois salariés légèrement intoxiqués par les fumées ont été transportés à l'hôpital par précaution, selon un communiqué de l'exploitant.",
    "Des mesures de la qualité de l'air sont en cours dans toute l'agglomération, et les écoles situées à proximité resteront fermées jusqu'à nouvel ordre, a précisé la mairie dans la soirée.",
    "Le site, classé Seveso seuil haut, avait déjà fait l'objet d'une mise en demeure des services de l'État en 2019 pour des manquements dans le stockage de produits inflammables.",
]
#: The same dispatch a few hours later: a new lead, the investigation rewritten, the rest kept
#: (about two thirds of its wording is the first version's).
FIRE_UPDATE = [
    "Le feu qui ravageait depuis le matin une usine chimique du port du Havre a été maîtrisé en fin d'après-midi, après plus de huit heures d'intervention de quelque cent cinquante pompiers, a annoncé la préfecture.",
    FIRE[1],
    "L'incendie aurait pris naissance dans un hangar abritant des fûts de solvants, ont précisé les enquêteurs, qui n'écartent pour l'instant aucune piste et ont entendu plusieurs employés présents sur place.",
    *FIRE[3:],
]
#: The next day's article: what happened since, over the previous day's background (as much
#: of it kept as the update keeps).
FIRE_FOLLOW_UP = [
    "Au lendemain de l'incendie de l'usine chimique du Havre, le parquet a ouvert mercredi une enquête pour mise en danger de la vie d'autrui, et des associations de riverains annoncent une plainte collective.",
    FIRE[1],
    "Les premières analyses de l'air publiées mercredi matin ne montrent pas de dépassement des seuils réglementaires, mais des suies ont été retrouvées dans plusieurs jardins et sur des toitures de la rive droite.",
    *FIRE[3:],
]
TUESDAY = datetime.date(2021, 3, 9)


def forecast(day, colour, back, roads):
    """A traffic bulletin of one form, filled with a day's colours, roads and hours."""
    lines = [f"Bison Futé classe la journée de {day} {colour} dans le sens des départs et {back} dans le sens des retours, en raison du chassé-croisé entre juillettistes et aoûtiens.",
             "Bison Futé recommande d'éviter :"]
    lines += [f"- l'autoroute {road} entre {start} et {end} de {first} heures à {last} heures"
              for road, start, end, first, last in roads]
    lines.append("Pour connaître l'état du trafic en temps réel, consultez le site de Bison Futé ou composez le numéro d'information routière de votre département.")
    return "\n".join(lines)


def grouped(*articles):
    return version_groups([(key, title, body, None) for key, title, body in articles])


def grouped_on(*articles):
    """Groups of ``(id, body, date)`` articles."""
    return version_groups([(key, "", body, date) for key, body, date in articles])


def test_a_dispatch_republished_by_three_sources_with_other_titles_is_one_group():
    groups = grouped(
        ("afp", "Liban : le gouvernement démissionne", DISPATCH),
        ("point", "Beyrouth : Hassan Diab jette l'éponge", REPUBLISHED),
        ("libre", "Le cabinet libanais démissionne après l'explosion", SHORTENED),
    )
    assert groups == [["afp", "libre", "point"]]


def test_an_update_that_keeps_most_of_the_first_version_joins_its_group():
    groups = grouped(
        ("afp", "Liban : le gouvernement démissionne", DISPATCH),
        ("point", "Beyrouth : Hassan Diab jette l'éponge", REPUBLISHED),
        ("afp-2", "Liban : démission du gouvernement, le FMI appelle à des réformes", UPDATE),
    )
    assert groups == [["afp", "afp-2", "point"]]


def test_two_articles_written_separately_on_one_event_stay_apart():
    assert grouped(
        ("afp", "Liban : le gouvernement démissionne", DISPATCH),
        ("desk", "Liban : le gouvernement démissionne", REWRITE),
    ) == []


def test_articles_sharing_only_a_newsletter_footer_stay_apart():
    long_ones = [("liban", "Liban", DISPATCH + "\n" + FOOTER),
                 ("rennes", "Rennes", OTHER_STORY + "\n" + FOOTER)]
    # Short items where the footer is most of the text: the site's standard block, which
    # recurs in every article of the site, is left out of the comparison.
    briefs = [(f"brief-{n}", f"Brève {n}", brief + "\n" + FOOTER) for n, brief in enumerate(BRIEFS)]
    assert grouped(*long_ones, *briefs) == []


def test_a_copy_of_a_brief_is_still_found_among_the_briefs_sharing_a_footer():
    briefs = [(f"brief-{n}", f"Brève {n}", brief + "\n" + FOOTER) for n, brief in enumerate(BRIEFS)]
    copy = ("copy", "Brève reprise", BRIEFS[0] + " Les horaires seront affichés en mairie.\n" + FOOTER)
    assert grouped(*briefs, copy) == [["brief-0", "copy"]]


def test_an_article_without_words_is_in_no_group():
    assert grouped(("empty", "", ""), ("afp", "Liban", DISPATCH)) == []


def test_a_same_day_update_that_rewrites_its_lead_and_part_of_its_body_joins_the_dispatch():
    assert grouped_on(("afp", "\n".join(FIRE), TUESDAY),
                      ("afp-2", "\n".join(FIRE_UPDATE), TUESDAY)) == [["afp", "afp-2"]]


def test_a_next_day_follow_up_that_keeps_the_background_stays_apart():
    assert grouped_on(("afp", "\n".join(FIRE), TUESDAY),
                      ("afp-2", "\n".join(FIRE_FOLLOW_UP), TUESDAY + datetime.timedelta(days=1))) == []


def test_a_dispatch_republished_a_week_later_is_still_a_version():
    assert grouped_on(("afp", "\n".join(FIRE), TUESDAY),
                      ("libre", "\n".join(FIRE[:5]), TUESDAY + datetime.timedelta(days=7))
                      ) == [["afp", "libre"]]


def test_a_bulletin_of_one_form_filled_with_another_weeks_figures_stays_apart():
    roads = [("A7", "Lyon", "Orange"), ("A10", "Paris", "Tours"), ("A9", "Orange", "Narbonne"),
             ("A63", "Bordeaux", "Bayonne"), ("A20", "Vierzon", "Brive")]
    first = forecast("samedi", "rouge", "orange",
                     [road + hours for road, hours in zip(roads, [(8, 19), (9, 14), (10, 18), (11, 17), (9, 16)])])
    second = forecast("samedi", "orange", "vert",
                      [road + hours for road, hours in zip(roads, [(10, 17), (11, 15), (12, 16), (10, 14), (11, 13)])])
    saturday = datetime.date(2019, 8, 3)
    assert grouped_on(("bison-1", first, saturday),
                      ("bison-2", second, saturday + datetime.timedelta(days=7))) == []


def story_variants(label, count):
    return "\n".join(OTHER_STORY.replace("Rennes", f"Rennes {label}{n}") for n in range(count))


def test_enormous_articles_are_compared_on_their_opening_pages_only():
    # Two texts alike over their first MAX_TEXT_CHARS characters, then each twice as long
    # again with text of its own: read whole they would share a third of their wording; read
    # as grouping reads them, they are one text, and memory does not grow with the rest.
    opening = (DISPATCH + "\n" + story_variants("a", MAX_TEXT_CHARS // len(OTHER_STORY)))
    opening = opening[:MAX_TEXT_CHARS]
    own = 2 * MAX_TEXT_CHARS // len(OTHER_STORY) + 1
    assert grouped(("first", "Un dossier", opening + story_variants("b", own)),
                   ("second", "Un autre dossier", opening + story_variants("c", own))) == [
        ["first", "second"]]
