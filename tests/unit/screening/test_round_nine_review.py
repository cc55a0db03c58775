"""A review of the ninth round found entries and idioms that were too wide. Each case below was
wrong after the round and is right now: everyday plans are not threats, a child asking for help
with neglect stays raised, a real stabbing stays raised, a threat of a beating stays urgent, and
services and role titles are not redacted as names."""

from __future__ import annotations

import pytest

from voice.screening import screen


@pytest.mark.parametrize(
    "text",
    [
        "when we go to the youth club the staff will take us swimming",
        "when we go on the trip they will take us to the beach",
        "when i go to big school my mum will take me",
        "once we go to the museum they will take us for lunch",
        "if i tell my teacher she will put me in detention",
        "when i said i was sad they would send me to the nurse",
    ],
)
def test_everyday_plans_are_not_threats(text: str) -> None:
    assert screen(text, locale="en").level != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "mi dad sed if i tell the social worker wat happens at home hel kill me and mum",
        "if i ever say anything to the school he will hurt my dog",
        "if i tell anyone he will hurt my little sister",
    ],
)
def test_threats_if_a_child_tells_stay_urgent(text: str) -> None:
    assert screen(text, locale="en").level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "i need more help for neglect at home",
        "we need more help for neglect because my mum never feeds us",
        "there is no support for young people in county lines like my brother",
        "he got stabbed in the first round of the fight last night",
    ],
)
def test_help_wording_and_real_stabbings_stay_raised(text: str) -> None:
    assert screen(text, locale="en").level != "none"


@pytest.mark.parametrize(
    "text",
    [
        "if i tell my dad i failed he will beat me black and blue",
        "if i tell my mum i broke the window she will batter me",
    ],
)
def test_a_threat_of_a_beating_after_a_mishap_stays_urgent(text: str) -> None:
    assert screen(text, locale="en").level == "urgent"


def test_a_joke_about_a_mishap_is_only_for_a_person_to_read() -> None:
    assert screen("if i tell my mum i lost my new headphones she will kill me", locale="en").level != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "I want to speak to Childline about it",
        "You can always speak to Kooth or Childline",
        "I asked to speak to Safeguarding",
        "ask for Support at the front desk",
        "Detentions from the school are unfair",
        "we went to St James's hospital for my x-ray",
        "مولوی صاحب ہمیں مارتے ہیں",
        "قاری صاحب بہت سخت ہیں",
        "Molvi sahab shouts at us at madrassa",
    ],
)
def test_services_titles_and_places_are_not_names_or_schools(text: str) -> None:
    assert screen(text, locale="en").pii == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dave from the youth club sorted us a trip", "Dave"),
        ("Can someone contact me? ask for Bev", "Bev"),
        ("my brother goes to St Wilfrid's and likes it", "St Wilfrid's"),
        ("ہمارے استاد عمران صاحب بہت اچھے ہیں", "عمران صاحب"),
    ],
)
def test_real_names_and_schools_are_still_found(text: str, found: str) -> None:
    assert any(found in text[span.start : span.end] for span in screen(text, locale="en").pii)
