"""Personal details: spans, kinds and redaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice.screening import PiiSpan, Screener, load_screener, screen


def kinds_of(text: str, screener: Screener | None = None) -> dict[str, str]:
    result = (screener or Screener()).screen(text) if screener else screen(text)
    return {text[s.start : s.end]: s.kind for s in result.pii}


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "07700 900 123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900123",
        "0113 496 0000",
        "01134960000",
        "(0113) 496 0000",
        "0044 7700 900123",
        "0161-496-0000",
        "020 7946 0000",
    ],
)
def test_phone_forms(phone: str) -> None:
    assert kinds_of(f"call me on {phone} after school") == {phone: "phone"}


@pytest.mark.parametrize("postcode", ["LS8 4AB", "ls8 4ab", "LS84AB", "ls7  3hb", "BD1 1AA", "EC1A 1BB"])
def test_postcodes(postcode: str) -> None:
    assert kinds_of(f"i live near {postcode} by the shop")[postcode] == "postcode"


def test_not_postcode() -> None:
    assert kinds_of("see you b4 5pm") == {}


def test_email() -> None:
    assert kinds_of("email me at jade.r2009@example.com pls") == {"jade.r2009@example.com": "email"}


@pytest.mark.parametrize(
    "email",
    [
        "jade dot r at example dot com",
        "j.smith2010 @ example.com",
        "sam(at)example(dot)co(dot)uk",
        "ola.k [at] example [dot] pl",
        "tom at example.co.uk",
    ],
)
def test_emails_written_to_dodge_filters(email: str) -> None:
    assert kinds_of(f"my email is {email} if u want") == {email: "email"}


@pytest.mark.parametrize(
    "text", ["meet at the park dot", "i was at school. com", "im at home", "message me at sam dot com"]
)
def test_at_and_dot_in_a_sentence_are_not_an_email(text: str) -> None:
    assert "email" not in kinds_of(text).values()


@pytest.mark.parametrize("phone", ["7700 900123", "7911123456", "7700-900-123"])
def test_a_mobile_without_its_leading_zero(phone: str) -> None:
    assert kinds_of(f"text me {phone}.") == {phone: "phone"}


@pytest.mark.parametrize("text", ["the 7000 people came", "in 2019 7 of us went", "we raised 7500.50 pounds"])
def test_other_numbers_starting_with_seven_are_not_phones(text: str) -> None:
    assert kinds_of(text) == {}


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("follow me on insta @kayla_xo_07 lol", "@kayla_xo_07"),
        ("snap me on jordy.b2010", "jordy.b2010"),
        ("insta: jaydenboi", "jaydenboi"),
        ("my snapchat is tyler_b", "tyler_b"),
        ("add me on tiktok its maisie.dances", "maisie.dances"),
    ],
)
def test_handles(text: str, handle: str) -> None:
    assert kinds_of(text).get(handle) == "handle"


def test_snap_without_handle() -> None:
    assert kinds_of("i like snap because its fun") == {}


@pytest.mark.parametrize(
    "address", ["14 Harehills Lane", "3b Chapeltown Road", "22 roundhay road", "Flat 2, 7 Spencer Place"]
)
def test_addresses(address: str) -> None:
    assert kinds_of(f"I live at {address} with my nan")[address] == "address"


def test_not_address() -> None:
    assert kinds_of("it takes 20 minutes walk to get there") == {}
    assert kinds_of("we walked 5 miles up the hill") == {}


@pytest.mark.parametrize(
    "dob", ["03/05/2011", "3.5.2011", "2011-05-03", "3rd May 2011", "May 3, 2011", "3 of may 2011"]
)
def test_dates(dob: str) -> None:
    assert kinds_of(f"i was born on {dob}")[dob] == "date_of_birth"


def test_birthday_without_year() -> None:
    assert kinds_of("my birthday is 3rd May")["3rd May"] == "date_of_birth"


def test_nhs_number_check_digit() -> None:
    assert kinds_of("my NHS number is 943 476 5919") == {"943 476 5919": "nhs_number"}
    assert kinds_of("my NHS number is 9434765919") == {"9434765919": "nhs_number"}
    # without "NHS" before it, a number that fails the check is not an NHS number ...
    assert "nhs_number" not in kinds_of("the reference is 943 476 5918").values()
    # ... right after "NHS number" it is one, mistyped or not (ninth round)
    assert kinds_of("my NHS number is 943 476 5918") == {"943 476 5918": "nhs_number"}


@pytest.mark.parametrize("ni", ["JK 12 34 56 C", "AB123456C", "ab 12 34 56 d"])
def test_ni_numbers(ni: str) -> None:
    assert kinds_of(f"NI number {ni} ok")[ni] == "ni_number"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my social worker Sarah Thompson is good", "Sarah Thompson"),
        ("my name is Tyler Brooks and I am 13", "Tyler Brooks"),
        ("Mr Patel helped me", "Mr Patel"),
        ("mrs okafor is kind", "mrs okafor"),
        ("Dr. Singh at the clinic", "Dr. Singh"),
        ("im Kacper and i like football", "Kacper"),
        ("my friend zainab said so", "zainab"),
        ("me and mohammed went to town", "mohammed"),
        ("i told oluwaseun about it", "oluwaseun"),
        ("my teacher Miss Wozniak", "Miss Wozniak"),
        ("my best mate is called Zxqor", "Zxqor"),
        ("went with andreea and ioana", "andreea"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert kinds_of(text).get(name) == "name", kinds_of(text)


def test_ambiguous_names_need_capital_context() -> None:
    assert kinds_of("i will go if i may") == {}
    assert kinds_of("there is hope and grace in the world") == {}
    assert kinds_of("I went with Grace to the park").get("Grace") == "name"


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("Mr Patel at Leeds West Academy helped me", "Leeds West Academy"),
        ("i go to allerton high school", "allerton high school"),
        ("St Mary's Catholic Primary School is great", "St Mary's Catholic Primary School"),
        ("i get bullied at Allerton Grange", "Allerton Grange"),
        ("i go to harehills primary", "harehills primary"),
        ("Co-op Academy Priesthorpe is ok", "Co-op Academy Priesthorpe"),
        # no other school word in the text: the cue check must still let the pattern run
        ("he goes to Eastfield Pupil Referral Unit now", "Eastfield Pupil Referral Unit"),
    ],
)
def test_schools(text: str, school: str) -> None:
    assert kinds_of(text).get(school) == "school", kinds_of(text)


def test_generic_school_words_are_not_schools() -> None:
    assert kinds_of("my school is ok but secondary school is hard") == {}


def test_configured_institutions(tmp_path: Path) -> None:
    extra = tmp_path / "inst.txt"
    extra.write_text("# local\nHoly Rosary\n", "utf-8")
    screener = load_screener(extra)
    result = screener.screen("I go to holy rosary")
    assert [(s.kind, s.start, s.end) for s in result.pii] == [("school", 8, 19)]
    assert Screener(["Hillcrest"]).screen("hillcrest is nice").pii == [PiiSpan("school", 0, 9)]


def test_redaction_and_placeholders() -> None:
    result = screen("I live at 14 Harehills Lane LS8 4AB, text 07700 900123")
    assert result.redacted == "I live at [address] [postcode], text [phone number]"
    assert result.to_dict()["pii"] == [
        {"kind": "address", "start": 10, "end": 27},
        {"kind": "postcode", "start": 28, "end": 35},
        {"kind": "phone", "start": 42, "end": 54},
    ]


def test_name_redacted_everywhere() -> None:
    result = screen("my name is Xandor. Xandor likes football")
    assert "Xandor" not in result.redacted


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("a man on snap called dave_lds97 keeps asking me for pics", "dave_lds97"),
        ("are userul alex_k.uk si mi-a scris", "alex_k.uk"),
        ("add me on discord shadowfox#1234 for the gaming night", "shadowfox#1234"),
    ],
)
def test_usernames_by_their_shape(text: str, handle: str) -> None:
    assert kinds_of(text).get(handle) == "handle", kinds_of(text)


def test_a_hash_number_alone_is_not_a_handle() -> None:
    assert kinds_of("we are the #1 team in year 9") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pani Kowalska z polskiej szkoły bardzo mi pomogła", "Pani Kowalska"),
        ("doamna Ionescu de la consiliere e foarte de treaba", "doamna Ionescu"),
        ("mă numesc Andrei Popescu și am 14 ani", "Andrei Popescu"),
        ("nazywam się kacper i mam 13 lat", "kacper"),
        ("mera naam Hira hai aur main 15 saal ki hun", "Hira"),
        ("میرا نام عائشہ خان ہے اور میں برمنگھم میں رہتی ہوں", "عائشہ خان"),
        ("اسمي يوسف الحسن وعمري ١٣ سنة", "يوسف الحسن"),
        ("الاستاذة مريم في نادي الواجبات ساعدتني كثير", "الاستاذة مريم"),
        ("Mark Robinson the football coach is great", "Mark Robinson"),
        ("thanks to Ellie-Mae for the cakes", "Ellie-Mae"),
        ("صاحبتي سارة ما إجت عالمدرسة من أسبوعين", "سارة"),
    ],
)
def test_names_after_cues_in_other_languages(text: str, name: str) -> None:
    assert kinds_of(text).get(name) == "name", kinds_of(text)


def test_cues_in_other_languages_need_a_name_after_them() -> None:
    assert kinds_of("i used a pan to cook the eggs") == {}
    assert kinds_of("صديقي في المدرسة ساعدني") == {}
    assert kinds_of("أخي الكبير يساعدني في الواجبات") == {}


@pytest.mark.parametrize(
    ("text", "detail", "kind"),
    [
        ("send the letter to no. 9 Roundhay Road please", "no. 9 Roundhay Road", "address"),
        ("flat 7 Lincoln Green Court, the lift is broken", "flat 7 Lincoln Green Court", "address"),
        ("NI number QQ 12 34 56 C for the job", "QQ 12 34 56 C", "ni_number"),
    ],
)
def test_more_address_and_id_shapes(text: str, detail: str, kind: str) -> None:
    assert kinds_of(text).get(detail) == kind, kinds_of(text)


def test_hyphens_and_ambiguous_words_alone_are_not_names() -> None:
    assert kinds_of("Mark my words, self-harm week and Anti-bullying week were good") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Polish and Romanian family and friends, in the case the sentence needs
        ("Moja córka Zosia od tygodnia nie chce iść do szkoły", "Zosia"),
        ("jestem tatą Bartka i chciałbym zapytać o zajęcia", "Bartka"),
        ("rozmawiałam z koleżanką Natalią po lekcjach", "Natalią"),
        ("sunt mama Ioanei Dumitrescu si vreau sa intreb ceva", "Ioanei Dumitrescu"),
        ("am vorbit cu prietena mea Bianca despre club", "Bianca"),
        ("fratele lui Vlad ne-a ajutat la teme", "Vlad"),
        # everyday short forms
        ("going to the cinema with Becca and Kuba on friday", "Becca"),
        ("going to the cinema with Becca and Kuba on friday", "Kuba"),
    ],
)
def test_names_after_family_words_and_short_forms(text: str, name: str) -> None:
    assert kinds_of(text).get(name) == "name", kinds_of(text)


def test_family_words_need_a_capitalised_name_after_them() -> None:
    assert kinds_of("moja córka bardzo lubi te zajęcia") == {}
    assert kinds_of("mama lui e foarte de treaba") == {}


def test_a_saints_name_is_the_school_only_in_a_text_about_school() -> None:
    text = "he said he would wait outside my school, he knows its St Mary's from my blazer"
    assert kinds_of(text).get("St Mary's") == "school"
    assert kinds_of("we watched the match at St James's Park on saturday") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PC Hollis who came into school was actually sound", "PC Hollis"),
        ("Big thanks to Coach Darren at Saturday football", "Coach Darren"),
        ("Nurse Amy Jones was kind", "Nurse Amy Jones"),
        ("Officer Dibble helped us", "Officer Dibble"),
    ],
)
def test_a_job_title_used_as_a_title_marks_a_name(text: str, name: str) -> None:
    found = [text[span.start : span.end] for span in screen(text, "en").pii if span.kind == "name"]
    assert found == [name]


@pytest.mark.parametrize(
    "text",
    [
        "we went on a coach trip to York",
        "my PC crashed again",
        "the school nurse was kind",
        "officer said hi",
    ],
)
def test_the_same_words_as_everyday_words_are_not_names(text: str) -> None:
    assert not [span for span in screen(text, "en").pii if span.kind == "name"]
