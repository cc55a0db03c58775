"""Ninth round (set K's kinds of miss): FGM, threats about telling, a child locked in or kept
out of school, cuckooing and goods with going missing, quieter concerns, more personal details,
and narrow safe phrases with texts that must stay raised. Every text here is written for this
file; none comes from set K."""

from __future__ import annotations

import pytest

from voice.screening import screen


def kinds_of(text: str) -> dict[str, str]:
    return {text[span.start : span.end]: span.kind for span in screen(text).pii}


# ------------------------------------------------------------------------------------ FGM
@pytest.mark.parametrize(
    "text",
    [
        "my aunt says i'm going to be cut when we go to see family in the holidays",
        "the school nurse said a girl in year 5 is being taken abroad to be cut at half term",
        "they want to have my sister cut at a ceremony back home",
        "my mum wants a circumcision for my little sister like the other girls had",
        "grandma talks about a secret ceremony to make me a woman and i dont want to go",
        "nani says meri khatna hogi jab hum gaon jayenge",
        "in our community khafz is done on girls and my cousin is next",
        "they will do sunnah on my daughter when we visit, my husband's family insist",
        "عمتي قالت رح ناخدك عالسودان بالعطلة مشان الختان، انا خايفة كتير",
        "بدهم يعملوا خفاض لبنت عمي بالصيف",
        "خالہ کہتی ہیں گاؤں میں میری بیٹی کا ختنہ ہوگا",
        "babcia mowi ze w wakacje bede obrzezana jak kuzynki",
        "ciocia planuje okaleczenie narzadow plciowych mojej siostry",
        "vor să-i facă circumcizie surorii mele în vacanță în țară",
        "mi-e frică de mutilare genitală când mergem la bunica",
    ],
)
def test_fgm_is_urgent(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result.reasons
    assert "forced_marriage" in result.categories, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "i got my hair cut before the holidays",
        "i got cut from the netball team this summer, gutted",
        "paper cut from my homework sheet lol",
        "we cut the cake at my cousin's ceremony, it was lovely",
        "my little brother's khatna party was so much fun",
    ],
)
def test_cutting_idioms_are_not_fgm(text: str) -> None:
    assert "forced_marriage" not in screen(text).categories


# ------------------------------------------------------------------ threats about telling
@pytest.mark.parametrize(
    "text",
    [
        "mi step dad sed if i tel my techer wat he does hel kill me",
        "mum sez wen i tell enyone wat happens at home shel hurt my baby sister",
        "if i ever say anything to the school he will hurt my dog",
        "if we tell the social worker anything we will be put in care, dad says",
        "i'm not allowed to tell anyone what goes on in our house",
        "jak komus powiem co on robi to tata mnie pobije",
        "nie wolno mi nikomu mowic co sie dzieje w domu",
        "ممنوع احكي لحدا شو بيصير بالبيت",
        "nu am voie să spun nimănui ce se întâmplă acasă",
        "ammi kehti hai kisi ko batana mana hai ghar ki baatein",
    ],
)
def test_threats_about_telling_are_urgent(text: str) -> None:
    assert screen(text).level == "urgent", screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my mum will kill me if i'm late for tea again",
        "dad will kill me when he sees my report lol",
    ],
)
def test_being_late_and_grades_stay_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


def test_telling_a_parent_about_a_mishap_is_only_a_concern() -> None:
    result = screen("if i tell my dad i broke his headphones he will kill me")
    assert result.level == "concern", result.reasons


# ---------------------------------------------------------- locked in, kept out of school
@pytest.mark.parametrize(
    "text",
    [
        "my step mum won't let me go to school since we moved, it's been months and i mind the baby",
        "the door is always locked and they don't let me go out, i haven't seen my friends since march",
        "i have not been to school for ages, they lock me in when they go out",
        "od miesiecy nie pozwalaja mi chodzic do szkoly",
        "مہینوں سے مجھے اسکول نہیں جانے دیتے",
    ],
)
def test_kept_in_and_out_of_school_is_urgent(text: str) -> None:
    assert screen(text).level == "urgent", screen(text).reasons


def test_a_long_absence_alone_is_a_concern() -> None:
    assert screen("i have not been to school for weeks").level == "concern"


def test_ordinary_school_absence_is_none() -> None:
    assert screen("school was shut for a week because of the snow").level == "none"


# ------------------------------------------------------------------------ cuckooing
@pytest.mark.parametrize(
    "text",
    [
        "lads keep coming in and out of the flat upstairs all night and a 13 year old has been staying there",
        "some older boys gave my brother a burner and it rings all night",
        "they gave my mate a phone that never stops ringing and he looks terrified",
        "my cousin runs their line for some older lads now",
        "my friend has been staying with some older boys for a week and has a new phone",
        "my son is working for some older lads and won't say what he does",
        "she went missing overnight again and came back with designer trainers nobody paid for",
        "brat nie wraca na noc i ma nowy telefon nie wiadomo skad",
        "fiul meu lipsește noaptea și are adidași noi",
        "ابني بيغيب عن البيت بالليل وصار معه مصاري",
    ],
)
def test_cuckooing_and_goods_with_going_missing_are_urgent(text: str) -> None:
    result = screen(text)
    assert result.level == "urgent", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my dad's work phone never stops ringing, even on holiday",
        "grandad gave me his old phone when he got a new one",
        "my brother works for an older man at the bakery on saturdays",
    ],
)
def test_ordinary_phones_and_jobs_are_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


# ------------------------------------------------------------------------------ concern
@pytest.mark.parametrize(
    "text",
    [
        "بحلم كل ليلة بالقصف وبصحى خايف",
        "i still have nightmares about the war most nights",
        "codziennie rano boli mnie brzuch przed szkola",
        "ciagle sie stresuje przed szkola",
        "my daughter gets a stomach ache every school morning and cries",
        "i'm 13 and i'm addicted to vaping",
        "my son is 14 and he vapes every day now",
        "she has become really withdrawn and is barely sleeping",
        "i translate for my mum at the bank so i miss school a lot",
        "یہاں کوئی دوست نہیں ہے، بہت اکیلا پن ہے",
        "i have been here a year and not made any friends",
    ],
)
def test_quieter_worries_are_at_least_concern(text: str) -> None:
    assert screen(text).level in ("concern", "urgent"), screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "we had a nightmare getting to the match, the trains were awful",
        "i translate for my nan at the market sometimes, she finds it funny",
        "my son used to be shy but he loves football club now",
    ],
)
def test_ordinary_texts_stay_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


# -------------------------------------------- safe phrases, and real disclosures that stay
@pytest.mark.parametrize(
    "text",
    [
        "please fund more training for teachers on spotting county lines and child sexual exploitation",
        "youth workers should recognise the signs of neglect early",
        "knives, gangs, county lines - that's all the news says about teenagers",
        "in the school play i get stabbed in the last scene, it's brilliant",
        "my mum yells at me to tidy my room every saturday 😂",
    ],
)
def test_topic_mentions_and_jokes_are_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i was stabbed on the way home", "urgent"),
        ("i got stabbed in the leg at the park", "urgent"),
        ("mum shouts at me every night and i'm scared to go home", "concern"),
        ("my mum yells at me to tidy my room and then hits me with the hoover", "urgent"),
        ("gangs, county lines, knife crime - my brother is doing county lines for them right now", "urgent"),
        ("teachers should recognise the signs of neglect, there's never food at my house", "concern"),
    ],
)
def test_real_disclosures_next_to_safe_phrases_stay_raised(text: str, level: str) -> None:
    result = screen(text)
    order = {"none": 0, "concern": 1, "urgent": 2}
    assert order[result.level] >= order[level], result.reasons


# ------------------------------------------------------------------------ personal details
def test_nhs_number_after_its_cue_even_with_a_wrong_check_digit() -> None:
    assert kinds_of("my NHS number is 412 555 1234 and i'm still waiting") == {"412 555 1234": "nhs_number"}
    assert kinds_of("NHS no: 4125551234") == {"4125551234": "nhs_number"}


def test_nhs_cue_does_not_swallow_a_phone_number() -> None:
    assert kinds_of("called NHS 111 then rang me on 07700 900456") == {"07700 900456": "phone"}


def test_a_name_after_ask_for() -> None:
    assert kinds_of("ring the office and ask for Marcia")["Marcia"] == "name"


def test_a_name_from_a_place() -> None:
    assert kinds_of("Gaz from the youth centre is brilliant")["Gaz"] == "name"
    assert kinds_of("Kwame from the family hub helped us") == {"Kwame": "name"}
    assert kinds_of("Help from the council was slow") == {}


def test_a_saints_place_after_a_preposition() -> None:
    assert kinds_of("the first aid course at St Bede's was useful") == {"St Bede's": "school"}
    assert kinds_of("we had a party on St Patrick's Day") == {}


def test_an_urdu_name_with_an_honorific() -> None:
    assert kinds_of("ہمارے نوید صاحب بہت محنتی ہیں") == {"نوید صاحب": "name"}
    assert kinds_of("بڑے بھائی بہت اچھے ہیں") == {}


def test_a_handle_in_brackets() -> None:
    assert kinds_of("he keeps adding my snap (kay.lou22) to groups")["kay.lou22"] == "handle"


def test_a_cut_on_something_on_holiday_is_not_fgm() -> None:
    assert screen("i got cut on a rock on holiday in the summer").level == "none"


def test_needs_gates_a_pattern_and_is_only_for_patterns() -> None:
    from voice.screening.lexicon import LexiconError, _compile_entry, _entry_from

    raw = {
        "pattern": " blue cat ",
        "needs": ["blue"],
        "category": "neglect",
        "level": "concern",
        "example": "x",
    }
    compiled = _compile_entry(_entry_from(raw, "t", idiom=False), {})
    assert compiled.matcher.needs == (("blue",),)
    assert compiled.matcher.search(" a blue cat ") is not None
    phrase_raw = {k: v for k, v in raw.items() if k != "pattern"} | {"phrase": "blue cat"}
    with pytest.raises(LexiconError):
        _entry_from(phrase_raw, "t", idiom=False)
    with pytest.raises(LexiconError):
        _entry_from({**raw, "needs": ["Blue"]}, "t", idiom=False)
