"""Realistic demo data, drawn from the partnership's annual reports (shared/seeds)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from voice.accounts.models import Role, StaffUser
from voice.accounts.services import create_staff
from voice.clock import UK
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.journey import AGE_BANDS, standing_consultation
from voice.feedback.models import (
    Area,
    Audience,
    Consent,
    Consultation,
    Contribution,
    ContributionKind,
    Question,
    QuestionKind,
    Respondent,
    ScreeningLevel,
    Source,
)
from voice.moderation.services import approve
from voice.priorities.models import Priority, reporting_year
from voice.priorities.services import ActionIn, add_action, link_contribution

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published demo credentials

DEMO_STAFF: tuple[tuple[str, str, Role], ...] = (
    ("admin@voice.example", "Ada Admin", Role.ADMIN),
    ("moderator@voice.example", "Mo Moderator", Role.MODERATOR),
    ("lead@voice.example", "Sam Safeguarding", Role.SAFEGUARDING_LEAD),
    ("analyst@voice.example", "Ana Analyst", Role.ANALYST),
)

#: The Independent Chair's key messages and the partnership's focus on voice and influence.
DEMO_PRIORITIES: tuple[tuple[str, str, str], ...] = (
    (
        "Meet the needs of children earlier, so as to prevent statutory intervention",
        "Getting help early, before things get worse",
        "Leeds City Council Children and Families",
    ),
    (
        "Ensure schools remain fully engaged across the safeguarding system",
        "Schools working with everyone to keep you safe",
        "Leeds City Council Learning",
    ),
    (
        "Ensure partners and the Third Sector know how to escalate cases of serious concern",
        "Making sure worries are taken seriously",
        "Leeds Safeguarding Children Partnership",
    ),
    (
        "Seek assurance about services and experiences for care leavers",
        "Better support when you leave care",
        "Leeds City Council Children and Families",
    ),
    (
        "Safeguard children involved in serious youth violence",
        "Keeping young people safe from violence",
        "West Yorkshire Police",
    ),
    (
        "Increase the voice and influence of children, young people and families",
        "Making sure you are heard",
        "Voice and Influence Team",
    ),
)


def _t(en: str, **others: str) -> dict[str, str]:
    return {"en": en, **others}


async def _consultations(now: datetime) -> list[Consultation]:
    safe = await Consultation.create(
        slug="feeling-safe",
        title=_t(
            "Feeling safe where you live",
            ur="جہاں آپ رہتے ہیں وہاں محفوظ محسوس کرنا",
            pl="Poczucie bezpieczeństwa tam, gdzie mieszkasz",
            ar="الشعور بالأمان حيث تعيش",
            ro="Să te simți în siguranță acolo unde locuiești",
        ),
        intro=_t("Tell us where you feel safe and where you do not. It takes about 5 minutes."),
        audience=Audience.YOUNG_PEOPLE,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=40),
        languages=["en", "ur", "pl", "ar", "ro"],
    )
    await Question.create(
        consultation=safe,
        position=1,
        kind=QuestionKind.RATING,
        required=True,
        prompt=_t(
            "How safe do you feel in your area?",
            ur="آپ اپنے علاقے میں کتنا محفوظ محسوس کرتے ہیں؟",
            pl="Jak bezpiecznie czujesz się w swojej okolicy?",
            ar="ما مدى شعورك بالأمان في منطقتك؟",
            ro="Cât de în siguranță te simți în zona ta?",
        ),
        options=[
            {
                "value": "very_safe",
                "label": _t(
                    "Very safe",
                    ur="بہت محفوظ",
                    pl="Bardzo bezpiecznie",
                    ar="آمن جدًا",
                    ro="Foarte în siguranță",
                ),
                "emoji": "😀",
            },
            {
                "value": "quite_safe",
                "label": _t(
                    "Quite safe",
                    ur="کافی محفوظ",
                    pl="Dość bezpiecznie",
                    ar="آمن إلى حد ما",
                    ro="Destul de în siguranță",
                ),
                "emoji": "🙂",
            },
            {
                "value": "not_sure",
                "label": _t("Not sure", ur="پتا نہیں", pl="Nie wiem", ar="لست متأكدًا", ro="Nu știu"),
                "emoji": "😐",
            },
            {
                "value": "not_safe",
                "label": _t(
                    "Not safe", ur="محفوظ نہیں", pl="Niebezpiecznie", ar="غير آمن", ro="Nu în siguranță"
                ),
                "emoji": "🙁",
            },
        ],
    )
    await Question.create(
        consultation=safe,
        position=2,
        kind=QuestionKind.FREE_TEXT,
        prompt=_t(
            "What would make you feel safer?",
            ur="آپ کو زیادہ محفوظ محسوس کرنے میں کیا مدد دے گا؟",
            pl="Co sprawiłoby, że czułbyś się bezpieczniej?",
            ar="ما الذي يجعلك تشعر بأمان أكثر؟",
            ro="Ce te-ar face să te simți mai în siguranță?",
        ),
    )
    await Question.create(
        consultation=safe,
        position=3,
        kind=QuestionKind.AGE_BAND,
        prompt=_t(
            "How old are you?", ur="آپ کی عمر کیا ہے؟", pl="Ile masz lat?", ar="كم عمرك؟", ro="Câți ani ai?"
        ),
        options=[dict(band) for band in AGE_BANDS],
    )
    parents = await Consultation.create(
        slug="getting-help-early",
        title=_t("Getting help early: parents and carers"),
        intro=_t("Tell us about getting help for your family before things got hard."),
        audience=Audience.PARENTS_CARERS,
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=60),
        languages=["en", "ur", "pl", "ar", "ro"],
    )
    await Question.create(
        consultation=parents,
        position=1,
        kind=QuestionKind.FREE_TEXT,
        required=True,
        prompt=_t(
            "When did you last ask for help, and what happened?",
            ur="آپ نے آخری بار کب مدد مانگی، اور کیا ہوا؟",
            pl="Kiedy ostatnio prosiłeś o pomoc i co się wydarzyło?",
            ar="متى طلبت المساعدة آخر مرة، وماذا حدث؟",
            ro="Când ai cerut ultima dată ajutor și ce s-a întâmplat?",
        ),
    )
    # The same "Tell us anything" the journey makes: translated, main question required.
    standing = await standing_consultation()
    return [safe, parents, standing]


DEMO_WORDS: tuple[tuple[str, str, ContributionKind], ...] = (
    (
        "en",
        "The youth club on Tuesdays is the best thing, the staff actually listen to us",
        ContributionKind.FEEDBACK,
    ),
    (
        "en",
        "Street lights near the park are broken and it feels scary walking home in winter",
        ContributionKind.FEEDBACK,
    ),
    (
        "pl",
        "Chciałabym, żeby w szkole było więcej zajęć o bezpieczeństwie w internecie",
        ContributionKind.FEEDBACK,
    ),
    ("ur", "میرے بیٹے کے اسکول نے ہماری بہت مدد کی، شکریہ", ContributionKind.FEEDBACK),
    ("ar", "نحتاج إلى أماكن آمنة للشباب في المساء", ContributionKind.FEEDBACK),
    (
        "ro",
        "Ar fi bine să existe mai multe activități gratuite pentru copii în vacanță",
        ContributionKind.FEEDBACK,
    ),
    (
        "en",
        "When I left care nobody told me how to pay bills or who to ring",
        ContributionKind.LIVED_EXPERIENCE,
    ),
    (
        "en",
        "Social workers keep changing so I have to tell my story again and again",
        ContributionKind.TAKEOVER,
    ),
    ("en", "Board members should come to our youth groups, not just read reports", ContributionKind.TAKEOVER),
    (
        "en",
        "older lads at the bus station keep asking my mate to carry packages for them for money",
        ContributionKind.FEEDBACK,
    ),
    (
        "en",
        "You can ring me on 07700 900123 if you want to hear more about the youth club",
        ContributionKind.FEEDBACK,
    ),
)

#: Wards people can say they live in (a few of Leeds's 33).
DEMO_AREAS: tuple[str, ...] = (
    "Armley",
    "Beeston and Holbeck",
    "Chapel Allerton",
    "Gipton and Harehills",
    "Seacroft",
)


async def load_demo() -> str:
    """Fill an empty database with demo data; refuse to touch one that has data."""
    if await StaffUser.exists():
        return "The database already has data; demo data not loaded (use --reset on SQLite)."
    now = datetime.now(UTC)
    for email, name, role in DEMO_STAFF:
        await create_staff(email, name, role, DEMO_PASSWORD)
    year = reporting_year(now.date())
    priorities = [
        await Priority.create(
            reporting_year=year,
            position=index,
            title=title,
            child_friendly_title=friendly,
            owning_agency=agency,
        )
        for index, (title, friendly, agency) in enumerate(DEMO_PRIORITIES, start=1)
    ]
    consultations = await _consultations(now)
    event = await TakeoverEvent.create(
        title="Young people take over the Partnership Executive",
        # Held before today, so its comments can be dated that day and received after it.
        held_on=min(date(year, 11, 12), now.date() - timedelta(days=1)),
        venue="Leeds Civic Hall",
        host_agency="Voice and Influence Team",
        summary="Members of the Youth Council chaired the Executive and questioned partners.",
        participants=14,
    )
    for position, name in enumerate(DEMO_AREAS, start=1):
        await Area.create(code=name.lower().replace(" ", "-"), name=name, position=position)
    takeover_words = []
    # Takeover comments are dated the event day (midday, UK time), as staff adding them are;
    # Voice received them later.
    event_day = datetime.combine(event.held_on, time(12), tzinfo=UK).astimezone(UTC)
    for offset, (language, text, kind) in enumerate(DEMO_WORDS):
        from_event = kind is ContributionKind.TAKEOVER
        arrived = now - timedelta(hours=offset * 5)
        if from_event:  # typed up after the event, never before it
            arrived = max(arrived, event_day + timedelta(hours=2))
        # Through intake, as real words arrive: screened, redactions suggested, cases opened.
        submitted = await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text=text),),
                submitted_at=event_day if from_event else arrived,
                received_at=arrived,
                kind=kind,
                source=Source.EVENT if from_event else Source.ONLINE,
                language=language,
                respondent=Respondent.YOUNG_PERSON,
                consent=Consent.QUOTE_ANONYMOUSLY,
                consultation_id=None if from_event else consultations[2].id,
                event_id=event.id if from_event else None,
            )
        )
        if from_event and submitted.level is ScreeningLevel.NONE:
            takeover_words.append(submitted.contribution)
    code = await _you_said_we_did(takeover_words[0], priorities[-1], now)
    return (
        f"Loaded {len(DEMO_STAFF)} staff, {len(priorities)} priorities, "
        f"{len(consultations)} consultations, {len(DEMO_WORDS)} contributions, "
        f"{len(DEMO_AREAS)} areas and 1 takeover event. "
        f"Follow one at /track with the receipt code {code}."
    )


async def _you_said_we_did(contribution: Contribution, priority: Priority, now: datetime) -> str:
    """Approve one takeover contribution, link it to a priority and record what changed, as the
    Voice and Influence team would, so ``/track`` shows every step. Returns its receipt code."""
    moderator = await StaffUser.get(role=Role.MODERATOR)
    await approve(contribution, by=moderator, now=now, counted=True, quotable=True)
    await link_contribution(contribution, priority.id, "Said at the takeover", moderator, now.date())
    await add_action(
        priority,
        ActionIn(
            you_said="Board members should hear from young people directly.",
            we_did="Executive members now visit a youth group each term.",
            agency="Leeds Safeguarding Children Partnership",
            happened_on=now.date(),
            contribution_ids=(contribution.id,),
            theme_ids=(),
        ),
        moderator,
        now.date(),
    )
    return contribution.receipt_code
