"""The French catalogue as it ships (the compiled .mo): no translation carries a sentence its English does not.

Found by a fresh tester (issue 12): every shared card's heading "How it compares with your goals and preferences:"
read in French "... préférences :Aucun emploi ouvert ne correspond ..." -- another entry's translation glued after
the colon. A label (an English text ending with ':') must end with its colon in French too, and no translation may
hold the whole of another entry's translation its English does not hold."""

import gettext
from functools import cache
from pathlib import Path

from django.conf import settings

GLUED_MIN_LENGTH = 40  # a shorter translation ("Salaire", "Heures") may rightly recur inside longer ones


@cache
def catalogue() -> tuple[tuple[str, str], ...]:
    """(msgid, msgstr) pairs of the French .mo; a plural's forms each count as one pair."""
    path = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        parsed = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001  (the parsed .mo, msgid -> msgstr)
    return tuple(((key[0] if isinstance(key, tuple) else key), french) for key, french in parsed.items() if key)


def labels_with_text_after_the_colon(pairs) -> list[str]:
    """Entries whose English ends with ':' and whose French does not end with its colon."""
    return [f"{msgid!r} -> {msgstr!r}" for msgid, msgstr in pairs
            if msgid.rstrip().endswith(":") and not msgstr.rstrip().endswith(":")]


def translations_glued_to_another(pairs) -> list[str]:
    """Entries whose French holds the whole of another entry's (long) French while their English does not hold
    that entry's English: a translation pasted into the wrong entry."""
    long = [(msgid, msgstr) for msgid, msgstr in pairs if len(msgstr) >= GLUED_MIN_LENGTH]
    return [f"{msgid!r} holds the translation of {other!r}" for msgid, msgstr in pairs for other, french in long
            if other != msgid and french in msgstr and other not in msgid]


def test_the_label_checker_catches_a_sentence_glued_after_the_colon():
    glued = [("How it compares:", "Comparaison :Aucun emploi ouvert."), ("Pay:", "Salaire\xa0:")]
    assert labels_with_text_after_the_colon(glued) == ["'How it compares:' -> 'Comparaison :Aucun emploi ouvert.'"]


def test_the_glue_checker_catches_another_entrys_translation_inside_one():
    pairs = [("No open job fits your goals right now.", "Aucun emploi ouvert ne correspond à vos objectifs."),
             ("How it compares:", "Comparaison :Aucun emploi ouvert ne correspond à vos objectifs."),
             ("No open job fits your goals right now. Ask.", "Aucun emploi ouvert ne correspond à vos objectifs. "
                                                             "Demandez.")]
    assert translations_glued_to_another(pairs) == [
        "'How it compares:' holds the translation of 'No open job fits your goals right now.'"]


def test_every_french_label_ends_with_its_colon():
    assert labels_with_text_after_the_colon(catalogue()) == []


def test_no_french_translation_holds_another_entrys_translation():
    assert translations_glued_to_another(catalogue()) == []
