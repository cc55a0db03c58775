"""Sixteenth round (2026-11-24): kinds a blind set found missed, rated too low or raised by mistake.

Every wording here was written for this round (not the blind set's texts), several per kind, in the
languages named, with nearby texts that must not change. Non-English wordings need a native speaker's
review, like the entries they test (``data/lexicon_round16.toml``, ``data/idioms.toml``).
"""

from __future__ import annotations

import pytest

from voice.screening import screen

# (text, expected level)
CASES: list[tuple[str, str]] = [
    # urdu burning
    ("میری سوتیلی ماں نے گرم چمچ سے میرا ہاتھ داغ دیا", "urgent"),
    ("سوتیلے ابو نے استری سے میرا بازو جلا دیا کیونکہ میں نے دودھ گرا دیا", "urgent"),
    ("جب میں بات نہیں مانتی تو سوتیلی امی چمچ گرم کر کے داغتی ہیں", "urgent"),
    ("سوتیلی ماں نے گرم استری لگا کے میری کمر جلائی", "urgent"),
    ("سزا کے طور پر مجھے دو دن سے کھانا نہیں دیا گیا", "urgent"),
    ("سوتیلی ماں سزا میں مجھے کھانا نہیں دیتی", "urgent"),
    ("امی نے استری سے میرے کپڑے پریس کیے", "none"),
    ("چمچ گرم تھا تو میری زبان جل گئی ہاہا", "none"),
    # arabic fgm
    ("خالتي قالت رح يعملولي الطهارة لما نسافر عالسودان بالعطلة وانا خايفة كتير", "urgent"),
    ("ماما بتقول هنعمل الطهارة لأختي الصغيرة في مصر في الأجازة وأنا خايفة عليها", "urgent"),
    ("جدتي قالت لازم يعملولي طهور لما نروح الصومال الصيف، أنا خايفة", "urgent"),
    ("عمتي قالت هيعملوا لي الختان في السودان في الاجازة", "urgent"),
    ("تيتا بتقول لما نروح مصر الصيف لازم اتطاهر زي بنات العيلة وانا مرعوبة", "urgent"),
    ("تعلمنا عن الطهارة والوضوء قبل الصلاة في المسجد", "none"),
    ("درس الطهارة في مادة التربية الاسلامية كان سهل", "none"),
    # urdu wrist
    ("میں نے پھر سے اپنی کلائی کاٹ لی اور خون نہیں رک رہا", "urgent"),
    ("کلائی پر کاٹا ہے خون رک ہی نہیں رہا", "urgent"),
    ("آج پھر کلائی کاٹی، خون بند نہیں ہو رہا", "urgent"),
    ("سبزی کاٹتے ہوئے انگلی کٹ گئی، امی نے پٹی کر دی", "none"),
    # CSE
    ("im in year 8 and im seeing this guy whos 19 he picks me up in his car and gives me weed", "urgent"),
    ("my sister is 13 and shes going out with someone at uni, she stays at his till really late", "urgent"),
    ("im 14 n my bf is 20 he picks me up from school n we drink at his", "urgent"),
    ("been seeing a guy in his 20s he has a car and takes me to his after school, im in year 9", "urgent"),
    ("im in yr 9 and my boyfriend is at uni, he gives me alcohol and i stay at his till late", "urgent"),
    ("my sister is 19 and going out with someone at uni, he has a car", "none"),
    ("im in year 9 and going out with a boy in my year, hes really sweet", "none"),
    # locked cupboard
    ("my little brother wet the bed so mum locked him in the cupboard all night", "urgent"),
    ("when i wet myself my stepmum locks me in my room all night with no light", "urgent"),
    ("they lock my little sister in the cupboard under the stairs all night when shes naughty", "urgent"),
    ("my dad locked me in the cupboard all night for wetting the bed", "urgent"),
    ("we keep the hoover in the cupboard under the stairs", "none"),
    # self harm escalating
    ("im cutting deeper every time and i dont even care anymore", "urgent"),
    ("the cuts are getting deeper each time, i don't care anymore", "urgent"),
    ("i cut deeper every time now, dont care what happens", "urgent"),
    # suicide plan
    ("ive been saving up pills in my drawer and im doing it tonight after everyone goes to bed", "urgent"),
    ("got enough tablets saved in my drawer, gonna take them all this weekend", "urgent"),
    ("ive saved up my mums pills in my drawer, doing it after everyone goes to bed", "urgent"),
    ("i saved up my pocket money in my drawer for the weekend", "none"),
    # radicalisation
    (
        "my brother watches far right stuff all the time and he has a list of people "
        "from the mosque, he says he will sort them out on friday",
        "urgent",
    ),
    (
        "my older brother has a list of names from the mosque and "
        "says hes going to sort them out on saturday",
        "urgent",
    ),
    (
        "bro been watching far right videos, made a list of people from our "
        "community, says hes gonna sort them out on sunday",
        "urgent",
    ),
    ("my brother has a list of people from the mosque for the football team on saturday", "none"),
    ("mum made a list of people from the mosque to invite to the wedding", "none"),
    # county lines
    (
        "Jayden in year 11 makes us year 7s carry bags to houses after school and if its short he beats us",
        "urgent",
    ),
    (
        "an older boy at school makes the younger kids take packages to "
        "houses and batters them if anythings missing",
        "urgent",
    ),
    (
        "Tyler makes me drop parcels to peoples houses after school, if the money is short he hits me",
        "urgent",
    ),
    ("i carry my nans shopping bags to her house after school", "none"),
    # food withheld
    ("havent had a proper meal since tuesday, mum says i dont deserve food", "urgent"),
    ("my dad wont let me eat as punishment, havent had a proper meal since tuesday", "urgent"),
    ("no food for 3 days as punishment for lying", "urgent"),
    ("we had a proper meal on tuesday at nans, she made a roast", "none"),
    # past abuse case
    (
        "pichle saal jo hua uska police case chal raha hai, court ki date "
        "next month hai aur counselling bhi ho rahi hai",
        "concern",
    ),
    ("pichle saal mere sath jo hua tha uska case ab court mein hai, court ki date aa gayi hai", "concern"),
    ("القضية لسه في المحكمة من السنة اللي فاتت وأنا باخد جلسات نفسية", "concern"),
    ("عم بروح على جلسات نفسية من بعد اللي صار، والقضية بالمحكمة الشهر الجاي", "concern"),
    # young carer food
    ("i skip meals so my little brothers have enough to eat", "concern"),
    ("i dont eat lunch so theres enough for my sisters", "concern"),
    ("i go without dinner most nights so the little ones get enough", "concern"),
    # parent ED
    ("بنتي بتاكل قليل كتير وكل يوم بتوزن حالها، وقائمة الانتظار طويلة", "concern"),
    ("ابني ياكل قليل جدا ويوزن نفسه كل يوم وقائمة الانتظار طويلة", "concern"),
    ("میری بیٹی بہت کم کھاتی ہے اور روز اپنا وزن کرتی ہے، ویٹنگ لسٹ بہت لمبی ہے", "concern"),
    ("میرا بیٹا بہت کم کھانا کھاتا ہے اور ہر روز وزن کرتا ہے", "concern"),
    # ex court order
    (
        "mums ex keeps turning up outside our house even though theres a court order, none of us feel safe",
        "concern",
    ),
    ("my mums ex still comes outside the house even tho he has a restraining order", "concern"),
    (
        "mums ex boyfriend is always parked outside our house even with the court order, nobody feels safe",
        "concern",
    ),
    # arabizi parents fight
    ("ahli byetkhane2o kel leile, ana bsakker el bab w b7ot el headphones", "concern"),
    ("mama w baba kol yom byetkhan2o, ana bsaker el bab w bhot headphones", "concern"),
    ("baba w mama by3ayto 3a ba3d kel lele w ana bsakker ba2bi w b7ot sama3at", "concern"),
    # sibling online
    ("my brother keeps going on about the great replacement and says women shouldnt vote", "concern"),
    ("my brother watches andrew tate all day and says women shouldnt be allowed to vote", "concern"),
    ("أخوي صار يتفرج على فيديوهات متطرفة ويقول عن الكل كفار وترك أصحابه", "concern"),
    ("اخي بيحضر فيديوهات متطرفة وبقى يقول علينا كفار وساب صحابه", "concern"),
    # arabizi hotel
    ("e7na 5amse b ghorfe wa7de bel hotel sarlna shhur", "concern"),
    ("sarlna 4 ashhur 5amse bi ghorfe wa7de b otel", "concern"),
    ("احنا خمسة عايشين بغرفة وحدة بالفندق صرلنا شهور", "concern"),
    # polish romanian low mood
    ("ostatnio nic nie ma sensu, tylko leżę w łóżku i ryczę", "concern"),
    ("ostatnio nic mnie nie obchodzi, leze w lozku i placze", "concern"),
    ("in ultima vreme n-am chef de nimic, stau in pat si plang", "concern"),
    ("de ceva vreme nu mai am chef de nimic, stau toata ziua in pat si plang", "concern"),
    # polish bf
    ("mój chłopak sprawdza mi telefon i się obraża jak wychodzę z koleżankami", "concern"),
    ("chlopak przeglada moj telefon i jest zly kiedy ide gdzies z przyjaciolkami", "concern"),
    # romanian missing education
    ("fratele meu nu a mai fost la scoala de doua luni si nu a sunat nimeni de la scoala", "concern"),
    ("frate-miu n-a mai fost la scoala de 2 luni si nimeni de la scoala nu a sunat", "concern"),
    # arabic bus stop
    ("في رجال عند موقف الباص بيلحقونا لحد البيت", "concern"),
    ("رجال كبار عند محطة الباص بيمشوا ورانا للبيت", "concern"),
    # english anxiety
    ("not been in school for weeks cos of my anxiety and nobody has rung", "concern"),
    ("i always feel sad lately", "concern"),
    ("havent been to school in weeks because of anxiety and no one from school has called", "concern"),
    ("we learned about county lines in PSHE today, the police officer was really good", "none"),
    ("in assembly we had a talk on knife crime from a police officer, it was good", "none"),
    ("the pshe lesson on county lines was actually interesting", "none"),
    ("na godzinie wychowawczej mieliśmy lekcję o county lines, policjant super opowiadał", "none"),
    ("mieliśmy apel o przestępczości z nożem, fajnie było", "none"),
    ("am avut o lectie despre county lines la scoala, politistul a fost foarte bun", "none"),
    ("aaj school mein county lines ke baare mein assembly thi, police wala bohat acha tha", "none"),
    ("كان عنا درس عن جرائم السكاكين والعصابات بالمدرسة، الشرطي كان كتير منيح", "none"),
    ("درس عن county lines في المدرسة كان مفيد والشرطي كان لطيف", "none"),
    (
        "we learned about knife crime in PSHE today, theres a boy who says hes going to stab me tomorrow",
        "urgent",
    ),
    ("I hate sprouts they make me want to die", "none"),
    ("brussels sprouts make me want to die lol", "none"),
    ("میری چھوٹی بہن میری جان نکال دیتی ہے", "none"),
    ("meri behen meri jaan nikal deti hai", "none"),
    ("chota bhai jaan nikal deta hai sara din", "none"),
    ("ammi ko pata chala to qatal kar dengi lol", "none"),
    ("ammi mera qatal kar dengi agar unko pata chala maine unki lipstick use ki lol", "none"),
    ("security kicked us out of the shopping centre for nothing", "none"),
    ("the security guards kicked us out the shopping centre for no reason, so annoying", "none"),
    ("I feel safe at school because there's always someone to talk to", "none"),
    ("i feel safe in school cos theres always someone to talk to", "none"),
    ("the stairs smell, the lift's been broken for weeks and my nan can't do the stairs", "none"),
    ("stairs stink of wee and the lift is broken again, nan cant manage the stairs", "none"),
    ("przyjaciółka powiedziała mi że się tnie i prosiła żebym nikomu nie mówiła", "concern"),
    ("صاحبتي قالتلي انها بتجرح حالها وطلبت مني ما قول لحدا", "concern"),
    (
        "feel like everyone would be better off without me sometimes but i wouldnt actually do anything",
        "concern",
    ),
    (
        "aaj county lines ki assembly thi aur mera bhai bhi yehi karta "
        "hai, bade larke usay maarte hain agar paise kam hon",
        "urgent",
    ),
    ("ammi ko pata chala ke mera boyfriend hai to qatal kar dengi lol", "urgent"),
    ("i hate sprouts and i want to die", "urgent"),
    ("mum kicked me out of the house last night and im sleeping at the shopping centre", "urgent"),
    ("przyjaciółka powiedziała że się tnie, ja też się tnę codziennie", "urgent"),
    ("feel like everyone would be better off without me and im going to do it tonight", "urgent"),
    (
        "we had a lesson about knife crime and a boy in my class said hes going to stab me after school",
        "urgent",
    ),
    ("im 13 and going out with a 19 year old", "urgent"),
    ("our year 9 trip to the uni was great, i want to go there when im older", "none"),
    ("my brother is 14 and my sister is at uni", "none"),
    ("i cut my fringe shorter every time and mum says it looks worse", "none"),
    ("طهور اخوي الصغير كان امبارح وعملنا حفلة", "none"),
    # more wordings of the same kinds
    ("ابو نے گرم چمچ میرے ہاتھ پر لگا دیا", "urgent"),
    ("سوتیلی ماں دو دن سے کھانا نہیں دیتی", "urgent"),
    ("ماما قالت هيطهروني في مصر الصيف ده وانا خايفة", "urgent"),
    ("جدتي قالت لازم الطهارة لما نروح السودان", "urgent"),
    ("i get locked in the cupboard all night if i wet the bed", "urgent"),
    ("my boyfriend is a 20 yr old from uni and im in year 9, he picks me up", "urgent"),
    ("ive got a stash of pills in my drawer for tonight", "urgent"),
    ("mum says no tea for me all week because i was naughty", "urgent"),
    ("beti har roz apna wazan check karti hai aur waiting list bohat lambi hai", "concern"),
    ("بنتي صارت تاكل كتير قليل وبتوزن حالها كل يوم", "concern"),
    ("شباب عند موقف الباص بيلحقونا للبيت", "concern"),
    ("am avut o ora despre county lines, a fost interesanta", "none"),
    ("class mein county lines par baat hui, police wale ne bataya", "none"),
    ("تعلمنا احكام الطهارة والوضوء في حصة الدين", "none"),
    ("لازم نتطهر قبل الصلاة، علمتنا المعلمة بالصيف", "none"),
    ("we are going to egypt in the summer holidays to see my grandma", "none"),
    # text-speak and other spellings of the same kinds
    ("im in yr8 n been linking this guy hes 19 he gets me weed n picks me up in his car", "urgent"),
    ("shes only 13 and stays at her boyfriends till 2am, hes 21 and gives her alcohol", "urgent"),
    ("my step mum shut my brother in the cupboard under the stairs all nite cos he wet himself", "urgent"),
    ("ive been cutting deeper each time and i just dont care no more", "urgent"),
    ("saved up loads of pills in my drawer, gonna take them tonight when everyones asleep", "urgent"),
    (
        "Leon in year 11 makes us year 8s take bags to peoples houses "
        "after school and he hits us if the money is short",
        "urgent",
    ),
    ("havent had a proper meal since tuesday, its my punishment for lying", "urgent"),
    ("میری سوتیلی امی مجھے سزا کے طور پر کھانا نہیں دیتیں اور استری سے جلاتی ہیں", "urgent"),
    ("میں نے کلائی کاٹی ہے اور خون نہیں رک رہا", "urgent"),
    ("خالتي قالت بدهم يعملولي الطهارة لما نروح عالسودان بالصيفية وانا كتير خايفة", "urgent"),
    (
        "my brother keeps watching far right videos and he has a list of people "
        "from the mosque, says hes gonna sort them out on friday",
        "urgent",
    ),
    ("i skip lunch so my little sisters have enough food at home", "concern"),
    (
        "my mums ex keeps turning up outside ours even tho theres a court order, none of us feel safe",
        "concern",
    ),
    ("mama w baba byetkhane2o kel leile, ana bsakker el bab 3laye w b7ot headphones", "concern"),
    ("e7na 5 b ghorfe wa7de bel hotel sarlna 4 shhur", "concern"),
    ("ostatnio nic nie ma znaczenia, tylko leżę w łóżku i ryczę", "concern"),
    ("in ultima vreme nu mai am chef de nimic, doar stau in pat si plang", "concern"),
    ("mój chłopak sprawdza mój telefon i strzela focha jak wychodzę z koleżankami", "concern"),
    ("fratele meu n-a mai fost la scoala de doua luni si nu ne-a sunat nimeni de la scoala", "concern"),
    ("في رجال عند موقف الباص بيلحقونا على البيت", "concern"),
    ("أخوي صار يتفرج على فيديوهات متطرفة وبيقول عن الكل كفار وترك رفقاته", "concern"),
    (
        "my brother is always going on about the great replacement "
        "and says women shouldnt be allowed to vote",
        "concern",
    ),
    ("ابني بياكل كتير قليل وكل يوم بيوزن حاله، وقائمة الانتظار طويلة كتير", "concern"),
    ("میرا بیٹا بہت کم کھاتا ہے اور روز اپنا وزن کرتا ہے، ویٹنگ لسٹ بہت لمبی ہے", "concern"),
    (
        "pichle saal mere sath jo hua uska police case chal raha hai aur court ki date agle mahine hai",
        "concern",
    ),
    ("القضية لسا بالمحكمة وانا باخد جلسات نفسية", "concern"),
    ("in PSHE we learned about county lines, the police officer who came in was really good", "none"),
    ("na lekcji mieliśmy o county lines, było ciekawie", "none"),
    ("aaj assembly mein county lines ke baare mein bataya, police officer acha tha", "none"),
    ("I hate sprouts they make me want to die lol", "none"),
    ("meri behen meri jaan nikal deti hai yaar", "none"),
    ("ammi ko pata chala ke maine sara chocolate kha liya to qatal kar dengi lol", "none"),
    ("got kicked out of the shopping centre by security for nothing again", "none"),
    ("the stairs in our block smell and the lift is broke so my nan cant get up", "none"),
]


@pytest.mark.parametrize(("text", "level"), CASES)
def test_round_sixteen_level(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level, result.reasons


# a disclosure inside a lesson about the topic is still raised
AT_LEAST_CONCERN: list[str] = [
    "we learned about county lines in PSHE and thats what my "
    "brother is doing, older boys make him carry bags",
    "na lekcji o gangach dowiedziałam się że mój brat jest w gangu i starsi chłopcy każą mu wozić paczki",
]


@pytest.mark.parametrize("text", AT_LEAST_CONCERN)
def test_disclosure_inside_a_lesson_is_raised(text: str) -> None:
    assert screen(text).level != "none"


def test_a_lowered_match_does_not_hide_a_later_one() -> None:
    # a friend's self-harm is lowered to concern, but the writer's own is not
    assert screen("moja przyjaciółka mówi że się tnie").level == "concern"
    assert screen("kolega okalecza się").level == "urgent"
    assert (
        screen("mum kicked me out of the house and im sleeping in the park").level == "urgent"
    )  # not told: an older entry keeps it urgent
    assert screen("moja przyjaciółka mówi że się tnie i ja też się tnę").level == "urgent"
    assert (
        screen("my friend said she self harms but i would never actually do it, i want to die").level
        == "urgent"
    )
