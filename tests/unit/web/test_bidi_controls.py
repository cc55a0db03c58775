"""Direction controls pasted into what staff write (exploratory testing, nineteenth session): a
right-to-left override left open in a consultation's title turned round " – Voice" in the
browser's tab, and in a theme's name everything after it on the line. Titles, names, prompts
and themes are kept without them; the marks that only set a direction stay."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from voice.accounts.models import Role
from voice.accounts.services import create_staff
from voice.consultations.services import clean_texts
from voice.moderation.services import clean_theme_name
from voice.problems import lines, one_line

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", list(CONTROLS))
def test_every_direction_control_goes(control: str) -> None:
    assert one_line(f"Buses {control}evil") == "Buses evil"
    assert lines(f"Line one\n{control}line two") == "Line one\nline two"
    assert clean_theme_name(f"Buses 🚌{control} late") == "Buses 🚌 late"
    assert clean_texts({"en": f"Feeling safe{control}", "ur": control}) == {"en": "Feeling safe"}


def test_direction_marks_and_right_to_left_words_stay() -> None:
    urdu = "\u200fمحفوظ\u200e 2026"
    assert one_line(urdu) == urdu
    assert clean_texts({"ur": urdu}) == {"ur": urdu}


async def test_a_staff_name_is_kept_without_them(app: Starlette) -> None:
    user = await create_staff(
        "lead@example.org", "  Sam \u202eLead  ", Role.SAFEGUARDING_LEAD, "plum-kettle-harbour-71"
    )
    assert user.display_name == "Sam Lead"
