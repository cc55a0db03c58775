"""Twelfth round (2026-11-24): kinds of wording a blind set (N) missed, in new words of our own.

None of these texts is a set N text; each kind is tested in the languages where it applies.
"""

from __future__ import annotations

import pytest

from voice.screening import screen

URGENT: list[tuple[str, str, str]] = [
    # a plan told through an object and a test of it
    ("en", "the scarf is tied to the loft hatch and i made sure it would take my weight", "self_harm"),
    ("en", "last night i tested whether the cord on my blind holds", "self_harm"),
    ("pl", "przywiazalem kabel do belki i wiem ze wytrzyma", "self_harm"),
    ("ro", "am legat cureaua de bara din baie si rezista", "self_harm"),
    ("ur", "garage mein rassi latka di hai, wo mera wazan sambhal legi", "self_harm"),
    ("ar", "ربطت الحبل بالباب وبيتحمل وزني", "self_harm"),
    # "is it normal ...?", "everyone does it", actions
    (
        "en",
        "is it normal for a coach to touch you in the changing rooms when nobody is there",
        "sexual_abuse",
    ),
    ("en", "my brothers friend said all big brothers do this with their little sisters", "sexual_abuse"),
    ("en", "her new boyfriend barges in when im in the bath and laughs", "sexual_abuse"),
    ("pl", "czy to normalne ze dziadek dotyka mnie kiedy babci nie ma", "sexual_abuse"),
    ("pl", "wujek zawsze wchodzi do lazienki kiedy sie przebieram", "sexual_abuse"),
    ("ro", "este normal ca vecinul sa ma atinga cand ma duc la el", "sexual_abuse"),
    ("ro", "unchiul intra in baie cand fac dus si nu pleaca", "sexual_abuse"),
    ("ur", "kya ye normal hai ke tuition wale sir mujhe chhoote hain", "sexual_abuse"),
    ("ar", "هل هذا طبيعي ان ابن عمي يلمسني بالليل", "sexual_abuse"),
    ("ar", "عمي بيدخل الحمام وانا بتحمم", "sexual_abuse"),
    # no food with being alone at night, fear or a threat about telling
    ("en", "no food in since sunday and mum says shell go mental if we tell anyone at school", "neglect"),
    ("en", "we are on our own at night every weekend and there is nothing to eat", "neglect"),
    ("pl", "nie mamy co jesc, tata nie wraca do domu i boje sie", "neglect"),
    ("ro", "mi e foame, mama nu vine acasa si mi e frica", "neglect"),
    ("ur", "kal se kuch nahi khaya aur abbu ghar nahi aaye", "neglect"),
    ("ar", "ما في اكل بالبيت وانا لحالي بالليل", "neglect"),
    # sextortion
    ("pl", "typ z discorda wysle moje zdjecia klasie jesli nie zaplace mu stowy", "sexual_exploitation"),
    ("ro", "un baiat zice ca posteaza pozele mele pe grup daca nu platesc", "sexual_exploitation"),
    ("ur", "wo keh raha hai tasveeren viral kar dega, paise bhejo", "sexual_exploitation"),
    ("ar", "واحد بيهددني انه رح ينشر صوري اذا ما دفعت", "sexual_exploitation"),
    # Arabizi
    ("ar", "w allah bedi mout, ma 3ad fiyi", "self_harm"),
    ("ar", "ra7 a5od kel el dawa elli 3and mama", "self_harm"),
    # kept after retraining
    ("en", "the scratches on her face were not from the cat, i know that much", "physical_abuse"),
]

CONCERN: list[tuple[str, str, str]] = [
    # pushed out of school
    ("en", "feels like the whole school wants me gone since i got back", "feeling_unsafe"),
    ("en", "they keep putting me in isolation every day and i learn nothing", "feeling_unsafe"),
    ("pl", "czuje ze nauczyciele chca sie mnie pozbyc", "feeling_unsafe"),
    ("ro", "profesorii vor sa scape de mine, ma trimit afara mereu", "feeling_unsafe"),
    # a young carer through chores and an ill parent
    (
        "en",
        "i do most of the cooking and shopping as mum is unwell, im late for school",
        "young_carer",
    ),
    ("pl", "robie zakupy i pranie bo mama lezy caly dzien", "young_carer"),
    ("ro", "eu gatesc pentru fratii mei fiindca tata e bolnav", "young_carer"),
    ("ur", "sara kaam main karti hoon, ammi bemaar hain", "young_carer"),
    ("ar", "انا بنظف البيت لان امي مريضة كتير", "young_carer"),
    # vaping or drinking to cope, feeling addicted
    ("en", "i drink cans on my own to get through the weekend", "substance_use"),
    ("en", "think im addicted to my vape, i wake up and use it", "substance_use"),
    ("pl", "jestem uzalezniona od nikotyny i nie umiem przestac", "substance_use"),
    ("ro", "sunt dependenta de tigari de la 13 ani", "substance_use"),
    ("ur", "mujhe cigarette ki aadat pad gayi hai", "substance_use"),
    ("ar", "انا مدمن على السجاير من سنة", "substance_use"),
    # a friend with older boys and new money
    (
        "ur",
        "mera dost baray larkon ke saath ghoomta hai, uske paas naye joote aur paise hain",
        "criminal_exploitation",
    ),
    ("ur", "میرا دوست بڑے لڑکوں کے ساتھ رہتا ہے اور اس کے پاس نیا فون ہے", "criminal_exploitation"),
    # low mood
    ("en", "cant remember the last time i laughed properly", "self_harm"),
]

NONE: list[tuple[str, str]] = [
    ("en", "our tutor taught us about county lines and fgm, everyone listened"),
    ("en", "year 9 had a talk about online safety and sextortion from the police"),
    ("en", "the novel we read in english is about a girl who self harms and her best friend helps"),
    ("en", "on the lifeguard course we practised what to do when someone has taken an overdose"),
    ("en", "my brother cut himself a slice of the cheesecake and left me none"),
    ("en", "they kicked me off the team chat because i was spamming"),
    ("en", "my sis shouted at me cos i ate her crisps lol"),
    ("en", "the assessment was promised in march and it has now been eight months, we need answers"),
    ("ur", "aaj kal mausam bohat acha hai, hum park jaate hain"),
    ("pl", "na lekcji rozmawialismy o bezpieczenstwie w internecie"),
    ("ro", "am luat o felie mare de tort la ziua mea"),
    ("ar", "الحصة كانت عن الامان على الانترنت"),
    ("en", "we tied the rope swing to the oak tree and it held all of us"),
]


@pytest.mark.parametrize(("locale", "text", "category"), URGENT)
def test_urgent_kinds(locale: str, text: str, category: str) -> None:
    result = screen(text, locale=locale)
    assert result.level == "urgent", result.reasons
    assert category in result.categories, result.reasons


@pytest.mark.parametrize(("locale", "text", "category"), CONCERN)
def test_concern_kinds(locale: str, text: str, category: str) -> None:
    result = screen(text, locale=locale)
    assert result.level in ("concern", "urgent"), result.reasons
    assert category in result.categories, result.reasons


@pytest.mark.parametrize(("locale", "text"), NONE)
def test_stays_none(locale: str, text: str) -> None:
    result = screen(text, locale=locale)
    assert result.level == "none", result.reasons


NEVER_HIDDEN: list[tuple[str, str]] = [
    # a safe phrase must not hide a disclosure beside it
    ("we learnt about grooming in pshe and my coach is grooming me right now", "urgent"),
    ("i cut myself a slice of toast and then i cut myself on purpose again", "urgent"),
    ("they kicked me off the course and then my dad kicked me in the ribs", "urgent"),
    ("he groomed me and he is messaging me right now", "urgent"),
    ("my mentor helped me stop self harming but i started cutting again last night", "concern"),
    ("i cut myself on purpose so i can feel something", "urgent"),
    ("i cut myself on my arm with a sharpener blade", "urgent"),
]


@pytest.mark.parametrize(("text", "at_least"), NEVER_HIDDEN)
def test_safe_phrases_never_hide(text: str, at_least: str) -> None:
    rank = {"none": 0, "concern": 1, "urgent": 2}
    assert rank[screen(text).level] >= rank[at_least], screen(text).reasons


CALM_NOW: list[tuple[str, str]] = [
    # "now" that means things are better, or "it has now been": no longer raises a concern to urgent
    ("she was bullied and groomed online in year 8 but is doing much better now", "concern"),
    ("he groomed my daughter, its now been a year and she is settled now", "concern"),
    ("bohat udaas rehta hoon aaj kal", "concern"),
    ("my son was groomed online three years ago. he is thriving now at college", "concern"),
]


@pytest.mark.parametrize(("text", "level"), CALM_NOW)
def test_calm_now_is_not_urgent(text: str, level: str) -> None:
    assert screen(text).level == level, screen(text).reasons


NAMES: list[tuple[str, str]] = [
    ("my mate dave keeps asking me to hold stuff for him", "dave"),
    ("her friend jess told the teacher", "jess"),
    ("Nadia baji humein quran parhati hain", "Nadia"),
    ("hamare mohalle mein Rukhsana apa sab ki madad karti hain", "Rukhsana"),
    ("اسمي يوسف صالح وعندي ١٥ سنة", "صالح"),
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_names(text: str, name: str) -> None:
    result = screen(text)
    start = text.index(name)
    assert any(
        span.kind == "name" and span.start <= start and start + len(name) <= span.end for span in result.pii
    )


NOT_NAMES: list[str] = [
    "my friend will help me with maths",
    "my mate said the film was good",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_not_names(text: str) -> None:
    assert not [span for span in screen(text).pii if span.kind == "name"]
