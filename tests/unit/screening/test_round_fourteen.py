"""Fourteenth round (2026-11-24): kinds a blind set showed screening rated too low, in wordings
of our own and in each language where the kind could apply (the set's own texts are not used).

* Urgent: self-harm to blood (Polish "do krwi"), a goodbye letter with a place, men in cars
  luring pupils, a young brother used to run drugs (late nights, cash, injuries), an adult
  "boyfriend" planning to run away with a child, a parent using drink or drugs with a baby hurt
  or unfed, a child kept off school to care for a baby, voices telling someone to hurt a brother
  or sister, a relative showing a child "films for adults".
* Concern: a parent's rages that break things, a friend who does not eat and faints, a child
  gambling online, a reduced timetable with a child home alone.
* None: a stabbing "on the news", Arabic "dad will kill me if ..." about a broken glass or marks.
"""

from __future__ import annotations

import pytest

from voice.screening import screen

URGENT: list[tuple[str, str, str]] = [
    ("pl", "rozdrapuję sobie nadgarstki cyrklem do krwi po lekcjach", "self_harm"),
    ("pl", "kaleczę się nożem do krwi jak nikt nie widzi", "self_harm"),
    ("en", "i keep scratching my thighs with a pin until they bleed", "self_harm"),
    ("en", "left a note for my dad. nobody will miss me", "self_harm"),
    ("pl", "napisałem list do rodziców, w nocy idę na dach", "self_harm"),
    ("ur", "maine alvida khat likh diya hai, aaj raat pul se kood jaunga", "self_harm"),
    (
        "en",
        "some older men in a white van wait near school and offer year 8 girls free vapes and lifts",
        "sexual_exploitation",
    ),
    (
        "pl",
        "jakiś starszy facet w czarnym aucie podwozi dziewczyny z naszej klasy na imprezy",
        "sexual_exploitation",
    ),
    ("ur", "school ke bahar gari mein aadmi larkiyon ko lift dene ka kehte hain", "sexual_exploitation"),
    (
        "ro",
        "niște bărbați într-o dubă albă le cheamă pe fete la petreceri după școală",
        "sexual_exploitation",
    ),
    (
        "en",
        "my brother is 12, he gets home at 3am most nights with a wad of cash and two phones",
        "criminal_exploitation",
    ),
    (
        "en",
        "older lads pick him up after school, hes only 13 and came back with bruises",
        "criminal_exploitation",
    ),
    (
        "ro",
        "niște băieți mai mari îl plimbă cu mașina pe fratele meu de 12 ani și vine noaptea acasă",
        "criminal_exploitation",
    ),
    (
        "en",
        "my boyfriend is 27 and wants us to run away together after my 14th birthday",
        "sexual_exploitation",
    ),
    ("ur", "woh 22 saal ka hai aur kehta hai hum sath bhaag jayenge, main 13 ki hoon", "sexual_exploitation"),
    ("en", "dad is always high and the baby has bruises, nobody feeds her", "neglect"),
    ("ar", "امي سكرانة كل يوم والبيبي جوعان وما في كهربا", "neglect"),
    (
        "en",
        "i havent been to school since half term because i have to look after the baby all day",
        "neglect",
    ),
    ("ro", "nu mai merg la școală, am grijă de bebeluș cât mama e plecată", "neglect"),
    ("ar", "ما بروح عالمدرسة من شهر لأني بضل مع الرضيع", "neglect"),
    ("en", "the voices in my head tell me to drown my baby sister", "feeling_unsafe"),
    ("pl", "głosy w głowie mówią żeby zabić brata", "feeling_unsafe"),
    ("ar", "في أصوات براسي بتقلي أقتل أخوي", "feeling_unsafe"),
    ("pl", "wujek pokazał mi na telefonie filmy dla dorosłych", "sexual_abuse"),
    ("ro", "unchiul mi-a arătat filme pentru adulți pe laptop", "sexual_abuse"),
    ("ur", "chacha mujhe gandi videos dikhate hain", "sexual_abuse"),
]


@pytest.mark.parametrize(("locale", "text", "category"), URGENT)
def test_significant_harm_now_is_urgent(locale: str, text: str, category: str) -> None:
    result = screen(text, locale=locale)
    assert result.level == "urgent", result.reasons
    assert category in result.categories, result.reasons


CONCERN: list[tuple[str, str]] = [
    ("ur", "abbu ghusse mein bartan todte hain aur hum kamre mein chhup jate hain"),
    ("pl", "ojczym jak się wścieknie to tłucze talerze, boję się"),
    ("ro", "tata aruncă cu farfurii când e nervos"),
    ("ar", "ابوي بيعصب وبيكسر الصحون"),
    ("pl", "moja kumpela przestała jeść i dzisiaj zemdlała na matmie"),
    ("ro", "colega mea nu mai mănâncă și a leșinat ieri"),
    ("ur", "meri dost kuch nahi khati aur assembly mein behosh ho gayi"),
    ("ar", "صاحبي ما بياكل شي وأغمي عليه بالصف"),
    ("ar", "ابني عمره 12 وصار يلعب قمار على النت"),
    ("ur", "mera beta online jua khelta hai"),
    ("pl", "córka gra w gry hazardowe w telefonie"),
    ("ro", "băiatul meu de 12 ani joacă la păcănele online"),
    ("en", "my son is on a reduced timetable so hes at home alone every afternoon"),
    ("pl", "od tygodnia nie chodzę do szkoły, zajmuję się młodszą siostrą"),
    ("ur", "ammi school nahi jane deti, behen ko sambhalna parta hai"),
    ("ar", "ما عم روح عالمدرسة، لازم انتبه على اختي"),
]


@pytest.mark.parametrize(("locale", "text"), CONCERN)
def test_worrying_but_not_immediate_is_at_least_a_concern(locale: str, text: str) -> None:
    result = screen(text, locale=locale)
    assert result.level in {"concern", "urgent"}, result.reasons


NONE: list[tuple[str, str]] = [
    ("en", "that shooting in the news was awful, we need more police round the shops"),
    ("ar", "ابوي رح يذبحني اذا عرف اني كسرت الكاسة"),
    ("ar", "امي رح تقتلني اذا شافت علاماتي"),
    ("pl", "gramy w planszówki w piątki, super zabawa"),
]


@pytest.mark.parametrize(("locale", "text"), NONE)
def test_everyday_wording_is_not_flagged(locale: str, text: str) -> None:
    result = screen(text, locale=locale)
    assert result.level == "none", result.reasons


STILL_RAISED: list[tuple[str, str]] = [
    # the safe phrases must not hide a real disclosure
    ("en", "there was a stabbing on our road, it was in the news, im scared to go out"),
    ("ar", "ابوي رح يذبحني اذا عرف عن صاحبي"),
    ("en", "my mum makes me miss school to look after my baby sister"),
]


@pytest.mark.parametrize(("locale", "text"), STILL_RAISED)
def test_safe_phrases_do_not_hide_disclosures(locale: str, text: str) -> None:
    assert screen(text, locale=locale).level != "none"
