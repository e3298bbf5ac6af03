"""Versions of one text: small hand-written corpora, grouped as a reader would group them."""

from index.versions import version_groups

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


def grouped(*articles):
    return version_groups([(key, title, body, None) for key, title, body in articles])


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
