"""French titles for the NOC 2021 major groups (two digits), which 0003 loaded in English only: the labour-market
view and every place a major group is named read them in French to a French reader.

These follow the wording of Statistics Canada's CNP 2021 V1.0 but were translated here, not copied from the official
French structure file (not available offline): `manage.py import_noc <official French structure CSV>` replaces them
with the official titles."""

from django.db import migrations

MAJOR_FR = {
    "00": "Membres des corps législatifs et cadres supérieurs/cadres supérieures",
    "10": "Cadres intermédiaires spécialisés dans les services administratifs, financiers et commerciaux et en "
          "communication (sauf la radiotélédiffusion)",
    "11": "Professionnels/professionnelles en finance et en affaires",
    "12": "Superviseurs/superviseures en services administratifs et financiers et personnel administratif spécialisé",
    "13": "Personnel administratif et personnel de la logistique des transports",
    "14": "Personnel de soutien administratif et financier et personnel de la logistique de la chaîne "
          "d'approvisionnement",
    "20": "Cadres intermédiaires spécialisés en génie, en architecture, en sciences et en systèmes informatiques",
    "21": "Professionnels/professionnelles des sciences naturelles et appliquées",
    "22": "Personnel technique relié aux sciences naturelles et appliquées",
    "30": "Cadres intermédiaires spécialisés en soins de santé",
    "31": "Professionnels/professionnelles de la santé",
    "32": "Personnel technique de la santé",
    "33": "Personnel de soutien des services de santé",
    "40": "Directeurs/directrices de l'administration publique, de l'enseignement, des services sociaux et "
          "communautaires et des services de protection publique",
    "41": "Professionnels/professionnelles du droit, de l'enseignement et des services sociaux, communautaires et "
          "gouvernementaux",
    "42": "Personnel de première ligne des services de protection publique et personnel paraprofessionnel des "
          "services juridiques, sociaux, communautaires et de l'enseignement",
    "43": "Personnel de soutien en enseignement, en droit et en protection publique",
    "44": "Dispensateurs/dispensatrices de soins et personnel de soutien en protection publique",
    "45": "Surveillants/surveillantes d'élèves, brigadiers scolaires/brigadières scolaires et personnel assimilé",
    "50": "Cadres intermédiaires spécialisés en arts, culture, sports et loisirs",
    "51": "Professionnels/professionnelles des arts et de la culture",
    "52": "Personnel technique des arts, de la culture et des sports",
    "53": "Personnel des arts, de la culture et des sports",
    "54": "Personnel de soutien des sports",
    "55": "Personnel de soutien des arts et de la culture",
    "60": "Cadres intermédiaires du commerce de détail et de gros et des services à la clientèle",
    "62": "Superviseurs/superviseures des ventes et des services au détail et personnel spécialisé des ventes et "
          "des services",
    "63": "Personnel des ventes et des services",
    "64": "Représentants/représentantes des ventes et des services et autre personnel des services à la clientèle "
          "et des services personnalisés",
    "65": "Personnel de soutien des ventes et des services",
    "70": "Cadres intermédiaires des métiers et des transports",
    "72": "Personnel des métiers techniques et agents/agentes et contrôleurs/contrôleuses des transports",
    "73": "Personnel des métiers généraux",
    "74": "Distribution du courrier et des messages, opérateurs/opératrices d'autres équipements de transport et "
          "personnel d'entretien connexe",
    "75": "Aides de soutien et manœuvres et autres conducteurs/conductrices, opérateurs/opératrices et "
          "manœuvres en transport",
    "80": "Cadres intermédiaires de la production et de l'agriculture",
    "82": "Superviseurs/superviseures dans les ressources naturelles, l'agriculture et la production connexe",
    "83": "Personnel des ressources naturelles et de la production connexe",
    "84": "Travailleurs/travailleuses des ressources naturelles, de l'agriculture et de la production connexe",
    "85": "Manœuvres à la récolte, en aménagement paysager et en ressources naturelles",
    "90": "Cadres intermédiaires de la fabrication et des services d'utilité publique",
    "92": "Superviseurs/superviseures de la transformation, de la fabrication et des services d'utilité publique "
          "et opérateurs/opératrices de poste central de contrôle",
    "93": "Opérateurs/opératrices de poste central de contrôle et de procédés et monteurs/monteuses et "
          "contrôleurs/contrôleuses en construction aéronautique",
    "94": "Opérateurs/opératrices de machines, monteurs/monteuses et contrôleurs/contrôleuses dans la "
          "transformation, la fabrication et l'impression",
    "95": "Manœuvres dans la transformation, la fabrication et les services d'utilité publique",
}


def load(apps, schema_editor):
    Occupation = apps.get_model("clients", "Occupation")
    for code, title_fr in MAJOR_FR.items():
        Occupation.objects.filter(code=code, title_fr="").update(title_fr=title_fr)


def unload(apps, schema_editor):
    Occupation = apps.get_model("clients", "Occupation")
    for code, title_fr in MAJOR_FR.items():
        Occupation.objects.filter(code=code, title_fr=title_fr).update(title_fr="")


class Migration(migrations.Migration):
    dependencies = [("clients", "0014_assessment_reasons_as_codes")]
    operations = [migrations.RunPython(load, unload)]
