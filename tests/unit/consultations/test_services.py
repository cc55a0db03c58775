"""Consultation services: validation, dates and status, option values, ordering, area sync, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.applications import Starlette

from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.consultations import services
from voice.consultations.services import ConsultationIn, Invalid, NotAllowed, OptionIn, QuestionIn
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Area, Audience, Consultation, Question, QuestionKind

LOCALES = ("en", "ur", "pl", "ar", "ro")


@pytest.fixture
async def moderator(app: Starlette, staff: dict[Role, StaffUser]) -> StaffUser:
    return staff[Role.MODERATOR]


def details(**overrides: object) -> ConsultationIn:
    values: dict[str, object] = {
        "slug": "feeling-safe",
        "title": {"en": "Feeling safe", "ur": "محفوظ محسوس کرنا"},
        "intro": {"en": "Tell us."},
        "audience": Audience.YOUNG_PEOPLE,
        "opens_on": date(2026, 3, 1),
        "closes_on": date(2026, 3, 31),
        "languages": ("en", "ur"),
    }
    values.update(overrides)
    return ConsultationIn(**values)  # type: ignore[arg-type]


def problems(invalid: pytest.ExceptionInfo[Invalid]) -> dict[str, str]:
    return dict(invalid.value.problems)


def free_text(prompt: str = "What would help?", **overrides: object) -> QuestionIn:
    values: dict[str, object] = {"kind": QuestionKind.FREE_TEXT, "prompt": {"en": prompt}}
    values.update(overrides)
    return QuestionIn(**values)  # type: ignore[arg-type]


def choice(*labels: str, kind: QuestionKind = QuestionKind.SINGLE_CHOICE) -> QuestionIn:
    return QuestionIn(
        kind=kind,
        prompt={"en": "Pick one"},
        options=tuple(OptionIn(label={"en": label}) for label in labels),
    )


async def positions(consultation: Consultation) -> list[tuple[str, int]]:
    found = await Question.filter(consultation_id=consultation.id).order_by("position")
    return [(q.prompt["en"], q.position) for q in found]


# --- dates and status ------------------------------------------------------


def test_days_are_leeds_days_in_winter_and_summer() -> None:
    assert services.day_start(date(2026, 1, 15)) == datetime(2026, 1, 15, 0, 0, tzinfo=UTC)
    assert services.day_start(date(2026, 7, 15)) == datetime(2026, 7, 14, 23, 0, tzinfo=UTC)


def test_status_follows_the_dates() -> None:
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    item = Consultation(
        slug="x", title={"en": "X"}, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=9)
    )
    assert services.status_of(item, 0, now) is services.ConsultationStatus.DRAFT
    assert services.status_of(item, 2, now) is services.ConsultationStatus.SCHEDULED
    item.opens_at = now - timedelta(days=1)
    assert services.status_of(item, 2, now) is services.ConsultationStatus.OPEN
    # Its dates have come but nobody can answer it: not ready, never "open".
    assert services.status_of(item, 0, now) is services.ConsultationStatus.NOT_READY
    assert (
        services.status_of(Consultation(slug="z", title={}), 0, now) is services.ConsultationStatus.NOT_READY
    )
    item.closes_at = now
    assert services.status_of(item, 2, now) is services.ConsultationStatus.CLOSED
    assert services.status_of(Consultation(slug="y", title={}), 1, now) is services.ConsultationStatus.OPEN


# --- consultation details --------------------------------------------------


async def test_create_stores_days_as_moments_and_audits(moderator: StaffUser) -> None:
    made = await services.create_consultation(details(), moderator, LOCALES)
    stored = await Consultation.get(id=made.id)
    assert stored.opens_at == datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    # 31 March 2026 is in British Summer Time: it ends at 23:00 UTC.
    assert stored.closes_at == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    assert services.opens_on(stored) == date(2026, 3, 1)
    assert services.closes_on(stored) == date(2026, 3, 31)
    assert stored.languages == ["en", "ur"]
    assert stored.created_by_id == moderator.id  # type: ignore[attr-defined]
    event = await AuditEvent.get(action="consultation.created")
    assert event.object_id == str(made.id) and event.actor_id == moderator.id
    assert event.after["slug"] == "feeling-safe" and event.after["title"]["ur"] == "محفوظ محسوس کرنا"


async def test_every_rule_is_checked_at_once(moderator: StaffUser) -> None:
    bad = details(
        slug="Feeling Safe!",
        title={"en": "  ", "ur": "x" * 201},
        intro={"pl": "y" * 2001},
        audience=None,
        opens_on=date(2026, 3, 10),
        closes_on=date(2026, 3, 9),
        languages=("de",),
    )
    with pytest.raises(Invalid) as raised:
        await services.create_consultation(bad, moderator, LOCALES)
    found = problems(raised)
    assert set(found) == {"slug", "title_en", "title_ur", "intro_pl", "audience", "closes_on", "languages"}
    assert found["title_en"] == "Enter a title in English"
    assert "same as or after" in found["closes_on"]
    assert not await Consultation.exists()
    assert not await AuditEvent.filter(action="consultation.created").exists()


async def test_missing_dates_and_slug(moderator: StaffUser) -> None:
    with pytest.raises(Invalid) as raised:
        await services.check_consultation(details(slug="", opens_on=None, closes_on=None), LOCALES)
    found = problems(raised)
    assert found == {
        "slug": "Enter a web address",
        "opens_on": "Enter the date it opens",
        "closes_on": "Enter the date it closes",
    }


async def test_one_day_consultation_is_allowed(moderator: StaffUser) -> None:
    made = await services.create_consultation(
        details(opens_on=date(2026, 1, 5), closes_on=date(2026, 1, 5)), moderator, LOCALES
    )
    assert made.closes_at - made.opens_at == timedelta(days=1)  # type: ignore[operator]


async def test_slugs_are_unique_but_a_consultation_keeps_its_own(moderator: StaffUser) -> None:
    first = await services.create_consultation(details(), moderator, LOCALES)
    with pytest.raises(Invalid) as raised:
        # other details under the same address (the same details sent again a moment later by
        # the same person are a double click: see tests/http/consultations/test_created_twice.py)
        await services.create_consultation(
            details(slug="Feeling-Safe", title={"en": "Another one"}), moderator, LOCALES
        )
    assert problems(raised) == {"slug": "Another consultation already uses this web address"}
    await services.update_consultation(
        first, details(title={"en": "Feeling safe at home"}), moderator, LOCALES, now=datetime.now(UTC)
    )
    event = await AuditEvent.get(action="consultation.updated")
    assert event.before["title"] == {"en": "Feeling safe", "ur": "محفوظ محسوس کرنا"}
    assert event.after["title"] == {"en": "Feeling safe at home"}


async def test_saving_unchanged_details_writes_no_audit(moderator: StaffUser) -> None:
    made = await services.create_consultation(details(), moderator, LOCALES)
    await services.update_consultation(made, details(), moderator, LOCALES, now=datetime.now(UTC))
    assert not await AuditEvent.filter(action="consultation.updated").exists()


async def test_the_web_address_is_fixed_once_it_has_opened(moderator: StaffUser) -> None:
    made = await services.create_consultation(details(), moderator, LOCALES)  # opens 1 March 2026
    before, after = datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 5, tzinfo=UTC)
    assert not await services.address_is_fixed(made, before)
    assert await services.address_is_fixed(made, after)
    with pytest.raises(Invalid) as raised:
        await services.update_consultation(made, details(slug="safe-2026"), moderator, LOCALES, now=after)
    assert problems(raised) == {"slug": services.fixed_address_message("feeling-safe")}
    assert (await Consultation.get(id=made.id)).slug == "feeling-safe"
    await services.update_consultation(made, details(slug="safe-2026"), moderator, LOCALES, now=before)
    assert (await Consultation.get(id=made.id)).slug == "safe-2026"


async def test_the_web_address_is_fixed_once_anyone_has_answered(moderator: StaffUser) -> None:
    made = await services.create_consultation(details(), moderator, LOCALES)
    before = datetime(2026, 2, 1, tzinfo=UTC)
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="hi"),), submitted_at=before, consultation_id=made.id
        )
    )
    assert await services.address_is_fixed(made, before)


async def test_unknown_languages_are_dropped(moderator: StaffUser) -> None:
    made = await services.create_consultation(
        details(title={"en": "T", "xx": "?"}, languages=("ur", "xx", "en")), moderator, LOCALES
    )
    assert made.title == {"en": "T"}
    assert made.languages == ["en", "ur"]  # in the configured order


# --- options ---------------------------------------------------------------


def test_new_options_get_values_from_their_english_words() -> None:
    rows = [
        OptionIn(label={"en": "Very safe", "ur": "بہت محفوظ"}, emoji="😀"),
        OptionIn(),  # blank rows are ignored
        OptionIn(label={"en": "Very safe!"}),
        OptionIn(label={"en": "Not safe"}, emoji="🙁"),
    ]
    options = services.build_options(QuestionKind.RATING, rows, [], LOCALES)
    assert options == [
        {"value": "very_safe", "label": {"en": "Very safe", "ur": "بہت محفوظ"}, "emoji": "😀"},
        {"value": "very_safe_2", "label": {"en": "Very safe!"}, "emoji": None},
        {"value": "not_safe", "label": {"en": "Not safe"}, "emoji": "🙁"},
    ]


def test_existing_values_stay_when_the_words_change() -> None:
    existing = [
        {"value": "yes", "label": {"en": "Yes"}, "emoji": None},
        {"value": "no", "label": {"en": "No"}, "emoji": None},
        {"value": "maybe", "label": {"en": "Maybe"}, "emoji": None},
    ]
    rows = [
        OptionIn(value="no", label={"en": "No, never"}),
        OptionIn(value="yes", label={"en": "Yes, always"}),
        OptionIn(value="maybe", label={"en": "Maybe"}, remove=True),
        OptionIn(value="forged", label={"en": "Yes"}),  # not a stored value: treated as new
    ]
    options = services.build_options(QuestionKind.SINGLE_CHOICE, rows, existing, LOCALES)
    assert [(o["value"], o["label"]["en"]) for o in options] == [
        ("no", "No, never"),
        ("yes", "Yes, always"),
        ("yes_2", "Yes"),
    ]


def test_a_stored_value_cannot_be_taken_over_by_another_row() -> None:
    """A tampered form sending one stored value twice neither duplicates it nor drops another."""
    existing = [
        {"value": "tiktok", "label": {"en": "TikTok"}, "emoji": None},
        {"value": "snapchat", "label": {"en": "Snapchat"}, "emoji": None},
    ]
    rows = [
        OptionIn(value="tiktok", label={"en": "TikTok"}),
        OptionIn(value="tiktok", label={"en": "Snapchat"}),
    ]
    options = services.build_options(QuestionKind.SINGLE_CHOICE, rows, existing, LOCALES)
    values = [o["value"] for o in options]
    assert len(values) == len(set(values))
    assert values == ["tiktok", "snapchat_2", "snapchat"]
    assert options[-1]["label"] == {"en": "Snapchat"}  # the stored option, kept as it was


def test_faces_only_on_ratings_and_only_from_the_list() -> None:
    rows = [OptionIn(label={"en": "A"}, emoji="😀"), OptionIn(label={"en": "B"}, emoji="😀")]
    plain = services.build_options(QuestionKind.SINGLE_CHOICE, rows, [], LOCALES)
    assert all(option["emoji"] is None for option in plain)
    with pytest.raises(Invalid) as raised:
        services.build_options(
            QuestionKind.RATING, [OptionIn(label={"en": "A"}, emoji="BAD"), rows[1]], [], LOCALES
        )
    assert problems(raised) == {"options-0-emoji": "Choose a face from the list, or no face"}


def test_a_face_never_stands_in_for_words() -> None:
    rows = [OptionIn(emoji="😀"), OptionIn(label={"ur": "نہیں"}), OptionIn(label={"en": "C"})]
    with pytest.raises(Invalid) as raised:
        services.build_options(QuestionKind.RATING, rows, [], LOCALES)
    assert problems(raised) == {
        "options-0-label_en": "Enter the words for this option in English",
        "options-1-label_en": "Enter the words for this option in English",
    }


def test_at_least_two_options() -> None:
    with pytest.raises(Invalid) as raised:
        services.build_options(QuestionKind.MULTIPLE_CHOICE, [OptionIn(label={"en": "Only"})], [], LOCALES)
    assert problems(raised) == {"options": "Give at least 2 options"}


def test_age_band_values_fit_the_contribution() -> None:
    rows = [OptionIn(label={"en": "Twenty five to thirty four years old"}), OptionIn(label={"en": "Older"})]
    options = services.build_options(QuestionKind.AGE_BAND, rows, [], LOCALES)
    assert all(len(option["value"]) <= 16 for option in options)
    assert options[0]["value"] == "twenty_five_to_t"


def test_who_is_answering_keeps_its_fixed_values() -> None:
    rows = [
        OptionIn(value="parent_carer", label={"en": "A mum, dad or carer"}, remove=True),
        OptionIn(value="", label={"en": "Someone else"}),
        OptionIn(value="young_person", label={"en": "Me, a young person"}),
    ]
    options = services.build_options(QuestionKind.RESPONDENT, rows, [], LOCALES)
    assert [o["value"] for o in options] == ["young_person", "parent_carer", "professional"]
    assert options[0]["label"] == {"en": "Me, a young person"}
    assert options[1]["label"] == {"en": "A mum, dad or carer"}
    assert options[2]["label"]["en"] == "A professional, answering for someone"


def test_default_about_you_options_are_the_journeys_shapes() -> None:
    bands = services.default_options(QuestionKind.AGE_BAND)
    assert [o["value"] for o in bands] == ["under_11", "11_15", "16_18", "adult"]
    assert all(set(o) == {"value", "label", "emoji"} and o["label"]["en"] for o in bands)
    assert [o["value"] for o in services.default_options(QuestionKind.RESPONDENT)] == [
        "young_person",
        "parent_carer",
        "professional",
    ]
    assert services.default_options(QuestionKind.FREE_TEXT) == []


# --- questions -------------------------------------------------------------


async def test_question_rules(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    with pytest.raises(Invalid) as raised:
        await services.add_question(
            consultation,
            QuestionIn(
                kind=QuestionKind.FREE_TEXT, prompt={"pl": "y" * 301}, hint={"ur": "x" * 501}, max_length=0
            ),
            moderator,
            LOCALES,
        )
    assert set(problems(raised)) == {"prompt_en", "prompt_pl", "hint_ur", "max_length"}
    assert not await Question.exists()


async def test_about_you_questions_are_never_required_and_only_once(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    bands = tuple(
        OptionIn(value=o["value"], label=o["label"]) for o in services.default_options(QuestionKind.AGE_BAND)
    )
    age = QuestionIn(
        kind=QuestionKind.AGE_BAND, prompt={"en": "How old are you?"}, required=True, options=bands
    )
    question = await services.add_question(consultation, age, moderator, LOCALES)
    assert question.required is False
    assert [o["value"] for o in question.options] == ["under_11", "11_15", "16_18", "adult"]
    with pytest.raises(Invalid) as raised:
        await services.add_question(consultation, age, moderator, LOCALES)
    assert "kind" in problems(raised)
    kinds = await services.available_kinds(consultation)
    assert QuestionKind.AGE_BAND not in kinds and QuestionKind.AREA in kinds
    # Saving the same question again is fine.
    await services.update_question(question, age, moderator, LOCALES)


async def test_a_question_keeps_its_kind(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    question = await services.add_question(consultation, free_text(), moderator, LOCALES)
    with pytest.raises(Invalid):
        await services.update_question(question, choice("A", "B"), moderator, LOCALES)


async def test_adding_moving_and_deleting_keep_positions_one_to_n(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    a = await services.add_question(consultation, free_text("A"), moderator, LOCALES)
    b = await services.add_question(consultation, free_text("B"), moderator, LOCALES)
    c = await services.add_question(consultation, free_text("C"), moderator, LOCALES)
    assert await positions(consultation) == [("A", 1), ("B", 2), ("C", 3)]
    assert await services.move_question(c, "up", moderator)
    assert await positions(consultation) == [("A", 1), ("C", 2), ("B", 3)]
    assert c.position == 2
    assert not await services.move_question(a, "up", moderator)
    assert not await services.move_question(b, "down", moderator)
    assert await services.move_question(a, "down", moderator)
    assert await positions(consultation) == [("C", 1), ("A", 2), ("B", 3)]
    await services.delete_question(await Question.get(id=a.id), moderator)
    assert await positions(consultation) == [("C", 1), ("B", 2)]
    d = await services.add_question(consultation, free_text("D"), moderator, LOCALES)
    assert d.position == 3
    moved = await AuditEvent.filter(action="question.moved").order_by("id")
    assert [(e.before["position"], e.after["position"]) for e in moved] == [(3, 2), (1, 2)]
    deleted = await AuditEvent.get(action="question.deleted")
    assert deleted.object_id == str(a.id) and deleted.before["prompt"] == {"en": "A"}
    assert await AuditEvent.filter(action="question.created").count() == 4


async def test_questions_people_answered_cannot_be_deleted(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    question = await services.add_question(consultation, free_text(), moderator, LOCALES)
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=question.id, text="More lights in the park"),),
            submitted_at=datetime.now(UTC),
            consultation_id=consultation.id,
        )
    )
    with pytest.raises(NotAllowed):
        await services.delete_question(question, moderator)
    assert await Question.exists(id=question.id)
    assert not await AuditEvent.filter(action="question.deleted").exists()


async def test_editing_a_question_audits_before_and_after(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    question = await services.add_question(consultation, choice("Yes", "No"), moderator, LOCALES)
    rows = tuple(OptionIn(value=o["value"], label={"en": o["label"]["en"].upper()}) for o in question.options)
    edited = QuestionIn(kind=QuestionKind.SINGLE_CHOICE, prompt={"en": "Pick"}, required=True, options=rows)
    await services.update_question(question, edited, moderator, LOCALES)
    stored = await Question.get(id=question.id)
    assert [(o["value"], o["label"]["en"]) for o in stored.options] == [("yes", "YES"), ("no", "NO")]
    assert stored.required is True
    event = await AuditEvent.get(action="question.updated")
    assert event.before["prompt"] == {"en": "Pick one"} and event.after["prompt"] == {"en": "Pick"}
    assert event.before["options"][0]["label"] == {"en": "Yes"}


# --- areas -----------------------------------------------------------------


async def area_question(consultation: Consultation, moderator: StaffUser) -> Question:
    return await services.add_question(
        consultation, QuestionIn(kind=QuestionKind.AREA, prompt={"en": "Where?"}), moderator, LOCALES
    )


async def test_area_questions_follow_the_area_list(moderator: StaffUser) -> None:
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    question = await area_question(consultation, moderator)
    assert question.options == []
    chapeltown = await services.add_area("Chapeltown", "", moderator, LOCALES)
    armley = await services.add_area("Armley", "armley-west", moderator, LOCALES)
    await question.refresh_from_db()
    assert question.options == [
        {"value": "chapeltown", "label": dict.fromkeys(LOCALES, "Chapeltown"), "emoji": None},
        {"value": "armley-west", "label": dict.fromkeys(LOCALES, "Armley"), "emoji": None},
    ]
    await services.move_area(armley, "up", moderator, LOCALES)
    await services.rename_area(chapeltown, "Chapeltown and Potternewton", moderator, LOCALES)
    await question.refresh_from_db()
    assert [(o["value"], o["label"]["ur"]) for o in question.options] == [
        ("armley-west", "Armley"),
        ("chapeltown", "Chapeltown and Potternewton"),
    ]
    await services.set_area_active(armley, False, moderator, LOCALES)
    await question.refresh_from_db()
    assert [o["value"] for o in question.options] == ["chapeltown"]
    await services.set_area_active(armley, True, moderator, LOCALES)
    await question.refresh_from_db()
    assert [o["value"] for o in question.options] == ["armley-west", "chapeltown"]
    actions = await AuditEvent.filter(object_type="area").order_by("id").values_list("action", flat=True)
    assert actions == [
        "area.created",
        "area.created",
        "area.moved",
        "area.renamed",
        "area.deactivated",
        "area.reactivated",
    ]
    renamed = await AuditEvent.get(action="area.renamed")
    assert renamed.before["name"] == "Chapeltown" and renamed.after["name"] == "Chapeltown and Potternewton"


async def test_an_area_question_gets_the_list_when_saved(moderator: StaffUser) -> None:
    await Area.create(code="harehills", name="Harehills", position=1)
    await Area.create(code="old", name="Old ward", position=2, active=False)
    consultation = await services.create_consultation(details(), moderator, LOCALES)
    question = await area_question(consultation, moderator)
    assert [o["value"] for o in question.options] == ["harehills"]
    # Stale options (someone changed the list behind Voice's back) are put right on save.
    await Question.filter(id=question.id).update(options=[])
    await services.update_question(
        question, QuestionIn(kind=QuestionKind.AREA, prompt={"en": "Where do you live?"}), moderator, LOCALES
    )
    await question.refresh_from_db()
    assert [o["value"] for o in question.options] == ["harehills"]
    assert await services.sync_area_questions(LOCALES) == 0


async def test_area_rules(moderator: StaffUser) -> None:
    await services.add_area("Chapeltown", "", moderator, LOCALES)
    with pytest.raises(Invalid) as raised:
        await services.add_area("chapeltown", "other", moderator, LOCALES)
    assert problems(raised) == {"name": "There is already an area called chapeltown"}
    with pytest.raises(Invalid) as raised:
        await services.add_area("Chapel Allerton", "chapeltown", moderator, LOCALES)
    assert problems(raised) == {"code": "Another area already has this code"}
    with pytest.raises(Invalid) as raised:
        await services.add_area("  ", "Bad Code!", moderator, LOCALES)
    assert set(problems(raised)) == {"name", "code"}
    with pytest.raises(Invalid) as raised:
        await services.add_area("ئ", "", moderator, LOCALES)  # no code can be made from this name
    assert problems(raised) == {"code": "Enter a code, using letters and numbers"}
    area = await Area.get(code="chapeltown")
    with pytest.raises(Invalid):
        await services.rename_area(area, "", moderator, LOCALES)
    assert await Area.all().count() == 1


async def test_area_positions_stay_one_to_n(moderator: StaffUser) -> None:
    for name in ("A", "B", "C"):
        await services.add_area(name, "", moderator, LOCALES)
    c = await Area.get(code="c")
    assert await services.move_area(c, "up", moderator, LOCALES)
    assert not await services.move_area(await Area.get(code="a"), "up", moderator, LOCALES)
    ordered = [(area.code, area.position) for area in await services.areas_in_order()]
    assert ordered == [("a", 1), ("c", 2), ("b", 3)]
