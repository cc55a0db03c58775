"""A consultation that does not offer English still asks for each option's words in English
(people whose language has no words see English), and shows the box for them (exploratory
testing, twentieth session: the English boxes were hidden, so "Enter the words for this option in
English" linked to a field that was not there and the question could never be saved)."""

from __future__ import annotations

import httpx

from tests.http.consultations.conftest import element, make_consultation, summary_links, title
from tests.http.consultations.test_questions import base, option, post, wording
from voice.accounts.models import StaffUser
from voice.feedback.models import Question


async def test_choice_options_on_a_consultation_without_english(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation(languages=["ur"])
    path = f"{base(consultation)}/questions/new"
    form = await client.get(f"{path}?kind=single_choice")
    assert form.status_code == 200
    english = element(form, "options-0-label_en")
    assert english.tag == "input" and english.get("type") != "hidden"
    assert element(form, "options-0-label_ur").get("dir") == "rtl"
    # Hidden languages stay hidden inputs: their words are kept, not shown.
    assert 'name="options-0-label_pl"' in form.text
    data = {"kind": "single_choice", **wording("Pick one"), **option(0, ur="ہاں"), **option(1, ur="نہیں")}
    refused = await post(client, path, data)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    links = summary_links(refused)
    assert links == [
        ("#options-0-label_en", "Enter the words for this option in English"),
        ("#options-1-label_en", "Enter the words for this option in English"),
    ]
    for target, _message in links:  # every error links to a box that is on the page
        assert element(refused, target[1:]).get("type") != "hidden"
    assert element(refused, "options-0-label_ur").get("value") == "ہاں"  # nothing typed is lost
    data.update(option(0, en="Yes", ur="ہاں") | option(1, en="No", ur="نہیں"))
    saved = await post(client, path, data)
    assert saved.status_code == 303
    question = await Question.get(consultation_id=consultation.id)
    assert [o["label"] for o in question.options] == [{"en": "Yes", "ur": "ہاں"}, {"en": "No", "ur": "نہیں"}]
