"""Where an event happens (sem:hasPlace): the place phrases of its clause, on news-like sentences written for
these tests. Each case gives the places exactly: entity key and the words the role was found on."""
from __future__ import annotations

import pytest

from test_events import run

PLACE = "hasPlace"


def places(doc, cls, trigger):
    """The places of the event with this trigger word, alone or in a multiword trigger (its class and its
    phrase are the trigger rules' business, not checked)."""
    [event] = [e for e in doc.events if any(trigger == m.text or trigger in m.text.split() for m in e.triggers())]
    return sorted((r.entity, doc.text[r.start:r.end]) for r in event.roles
                  if r.role.rsplit("/", 1)[-1] == PLACE and r.entity)


CASES = [
    # places joined by "и" are all places, each on its own word
    ("Обыски прошли в Самаре и Казани.", "Investigation", "Обыски",
     [("kazan", "Казани"), ("samara", "Самаре")]),
    # a wider place after a comma only locates the first: the event is in the city
    ("Бывший министр скончался в Тольятти, Россия.", "Death", "скончался", [("tolyatti", "Тольятти")]),
    # an organisation in the locative is where the event happens
    ("В Госдуме прошло совещание по энергетике.", "Meeting", "совещание", [("gosduma", "Госдуме")]),
    # ... and where it is held, the verb's object: "провели совещание" happens at the venue as "прошло" does
    ("В Госдуме провели совещание по энергетике.", "Meeting", "совещание", [("gosduma", "Госдуме")]),
    ("В Госдуме министр выступил на совещании по энергетике.", "Meeting", "совещании", [("gosduma", "Госдуме")]),
    # a noun in a compound preposition ("в результате", "в ходе") happens where its verb's clause does
    ("В результате пожара в пятницу в Самаре пострадали пять человек.", "Fire", "пожара",
     [("samara", "Самаре")]),
    # a copular clause: the place is its predicate; a noun without a name leads to the place in its phrase
    ("Во время ареста чиновник был в аэропорту Казани.", "Arrest", "ареста", [("kazan", "Казани")]),
    # coordinated verbs share a place phrase
    ("Боевики захватили заложников и взорвали автобус в Ростове.", "Seizure", "захватили",
     [("rostov", "Ростове")]),
    # where an event starts from, when nothing says where it happens
    ("Бывший губернатор бежал из России в прошлом году.", "Attack", "бежал", [("russia", "России")]),
    # a relative clause with "где": the noun it hangs on is the place
    ("Делегаты приехали в Берлин, где прошла конференция по энергетике.", "OtherEvent", "конференция",
     [("berlin", "Берлин")]),
    # an event noun in the genitive of another is the same occasion, at its place
    ("Церемония вручения премии прошла в Казани.", "OtherEvent", "вручения", [("kazan", "Казани")]),
    # the office someone is elected to names the place
    ("Мэром Самары избран бывший депутат.", "Election", "избран", [("samara", "Самары")]),
    # a place adjective on a noun event: the document's place it is made from
    ("Группа выступит в Минске. Перед минским концертом музыканты дали интервью.", "OtherEvent", "концертом",
     [("minsk", "минским")]),
    # ... also when the name is left in its case ending ("Каннах": the lemmatiser keeps a plural as written)
    ("Режиссёр фильма живёт в Каннах. Фильм получил главный приз Каннского кинофестиваля.", "OtherEvent",
     "кинофестиваля", [("kannakh", "Каннского")]),
    # a state's capital named by the state's adjective
    ("Основатель сайта был задержан в британской столице 7 декабря.", "Detention", "задержан",
     [("london", "британской")]),
    # a direction is the place of its own verb
    ("Полиция задержала бизнесмена в Дубае и экстрадировала в Россию.", "Detention", "задержала",
     [("dubay", "Дубае")]),
    # the state of an office the event is about: one left, or one an election fills
    ("Вчера Роберт Мугабе объявил об уходе с поста президента Зимбабве.", "Resignation", "уходе с поста",
     [("zimbabve", "Зимбабве")]),
    ("На выборах президента Франции победил бывший министр экономики.", "Election", "выборах",
     [("france", "Франции")]),
    # a competition "of the country" is held in the state the text named last
    ("Футбол в Испании очень популярен. В субботу завершился чемпионат страны.", "OtherEvent", "чемпионат",
     [("spain", "страны")]),
    # a venue named by an organisation after its noun
    ("Финал кубка прошёл в субботу на стадионе «Лужники».", "OtherEvent", "Финал", [("luzhniki", "Лужники")]),
    # a city an event is aimed at is where it happens
    ("Выставка посвящена прорыву блокады Ленинграда в 1943 году.", "Blockade", "блокады",
     [("leningrad", "Ленинграда")]),
    # an adjective made from a city the lexicon knows, which the document does not name
    ("Историки изучают документы московского восстания 1905 года.", "Riot", "восстания",
     [("moscow", "московского")]),
    # a state's adjective on a war, a championship or an election is where it is held (ekg:adjectivePlace)
    ("Ветерану иракской войны пересадили обе руки.", "ArmedConflict", "войны", [("iraq", "иракской")]),
    ("Сёмин сравнялся со Слуцким по числу побед российского чемпионата.", "OtherEvent", "чемпионата",
     [("russia", "российского")]),
    # a place phrase after the verb that the parse hangs on an earlier participle
    ("Канцлер, находящийся с визитом в Китае, встретился в субботу в Шанхае с бизнесменами.", "Meeting",
     "встретился", [("shankhay", "Шанхае")]),
    # a relative clause the parse hangs on the noun after the event: its pronoun agrees with the event
    ("Губернатор рассказал о встрече с министром, которая прошла в Самаре.", "Meeting", "встрече",
     [("samara", "Самаре")]),
    # a name in the nominative after a noun in the locative, which the parse takes for the subject
    ("В международном аэропорту Казань при посадке произошло крушение самолёта, выполнявшего рейс из Москвы.",
     "Accident", "крушение", [("kazan", "Казань")]),
    # verbs coordinated without a comma share the place one of them has
    ("Пять человек погибли и десять пострадали в результате взрыва газа в Самаре.", "Death", "погибли",
     [("samara", "Самаре")]),
    # "в одной из больниц Самары": the place is in the phrase after "из"
    ("В одной из больниц Самары скончался бывший министр.", "Death", "скончался", [("samara", "Самары")]),
    # a competition, holiday or election is held in the place its genitive names; that place is not its agent
    ("В 2017 году он выиграл чемпионат Испании.", "OtherEvent", "чемпионат", [("spain", "Испании")]),
    # a place noun's own name wins over the genitive that owns it: the capital, not the state
    ("В столице Чехии Праге состоялись финальные встречи чемпионата.", "Meeting", "встречи",
     [("prague", "Праге")]),
    # a building named by the body in its genitive is a venue
    ("Совещание прошло в здании МВД России.", "Meeting", "Совещание", [("mvd-rossii", "МВД")]),
    # ... and so does a hall
    ("В концертном зале Московской филармонии министр вручил премию молодым музыкантам.", "Award", "вручил",
     [("moskovskaya-filarmoniya", "филармонии")]),
    # a place noun no name names is in the state its adjective names
    ("В индийском штате ввели запрет на роскошные свадьбы.", "Halt", "ввели", [("india", "индийском")]),
    ("Экипаж приземлился в казахстанской степи.", "Visit", "приземлился", [("kazakhstan", "казахстанской")]),
    # an event noun in the genitive of the subject is at the venue the clause gives
    ("Церемония коронации состоялась в Вестминстерском аббатстве в Лондоне.", "OtherEvent", "коронации",
     [("london", "Лондоне"), ("vestminsterskoye-abbatstvo", "аббатстве")]),
    # an event noun in the genitive of a passive subject happens where the clause does
    ("Победители конкурса объявлены в Австралии.", "OtherEvent", "конкурса", [("avstraliya", "Австралии")]),
    # a place phrase the parse hangs on a noun of the clause: the nearest, and the place phrase it hangs on
    ("Спасатели в районе Челси в Лондоне потушили пожар.", "Fire", "потушили",
     [("chelsi", "Челси"), ("london", "Лондоне")]),
    ("Полицейские в Иерусалиме и на Западном берегу задержали двух подозреваемых.", "Detention", "задержали",
     [("iyerusalim", "Иерусалиме"), ("zapadny-bereg", "берегу")]),
    # the other places a place phrase names below its word: the district and the city
    ("Бади был задержан в квартире жилого дома в районе Наср-Сити на северо-востоке Каира.", "Detention",
     "задержан", [("cairo", "Каира"), ("nasr-siti", "районе")]),
    # a noun event coordinated with another happens where the first one's verb says
    ("Отпевание и прощание пройдут в понедельник в соборе в Казани.", "OtherEvent", "прощание",
     [("kazan", "Казани")]),
    # any noun no name names is in the city its adjective names: a city owns nothing abroad
    ("Взрыв прогремел в минском кафе.", "Explosion", "Взрыв", [("minsk", "минском")]),
    ("Вчера в одной из московских клиник актриса родила мальчика.", "OtherEvent", "родила",
     [("moscow", "московских")]),
    # "в стране" with no word of its own is the state the text last named
    ("Египет охвачен кризисом. С 14 августа в стране были убиты около 900 человек.", "Killing", "убиты",
     [("egypt", "стране")]),
    # a hyphenated city of the document names its adjective too
    ("Стросс-Кан прилетел в Нью-Йорк. Его арестовали в нью-йоркском аэропорту.", "Arrest", "арестовали",
     [("nyu-york", "нью-йоркском")]),
    # an event on a part of a place ("центра", "окраин", "пригороды") happens in that place, not in a place
    # phrase of another event of the clause
    ("Полиция усилила патрулирование центра Киева после взрыва на Бессарабке.", "Interception", "патрулирование",
     [("kyiv", "Киева")]),
    ("Боевики обстреляли пригороды Дамаска.", "Shelling", "обстреляли", [("damascus", "Дамаска")]),
    # ... and so does an event on a common noun that its own place phrase puts there
    ("Прокурора критиковали в связи со штурмом поместья в Уэйко.", "Attack", "штурмом", [("ueyko", "Уэйко")]),
    # a stage of an event ("этап", "раунд") is where the event is: its phrase places it
    ("Фигуристка выступила на московском этапе Гран-при.", "OtherEvent", "Гран-при", [("moscow", "московском")]),
    # ... and so does a state or city adjective on the stage noun ("Казань" read from the dictionary's "-ь" names)
    ("Биатлонистка выступила на российском этапе Кубка мира.", "OtherEvent", "Кубка", [("russia", "российском")]),
    ("Биатлонистка победила на казанском этапе Кубка мира.", "OtherEvent", "Кубка", [("kazan", "казанском")]),
    # a city adjective on an event noun the tagger took for a proper noun ("Олимпиаде")
    ("Пловец победил на лондонской Олимпиаде.", "OtherEvent", "Олимпиаде", [("london", "лондонской")]),
    # a noun event with no verb (a caption) is where a place phrase deeper in its own phrase says
    ("Митинг в поддержку арестованного журналиста в Самаре", "Protest", "Митинг", [("samara", "Самаре")]),
    # nouns coordinated without a comma share the place one of them has
    ("Власти выделят деньги на проведение ремонта и реставрации фонтанов на ВДНХ.", "Repair", "ремонта",
     [("vdnkh", "ВДНХ")]),
    # a move from one place to another happens in both: the source beside the direction
    ("Бизнесмен переехал из Техаса в Турцию.", "OtherEvent", "переехал", [("tekhas", "Техаса"), ("turkey", "Турцию")]),
    # the hospital one is taken to (an organisation in the accusative) is where a casualty's event is
    ("Пострадавший был госпитализирован в Филатовскую больницу.", "Casualties", "госпитализирован",
     [("filatovskaya-bolnitsa", "больницу")]),
    # a verb that only introduces a quote elsewhere ("продолжил он") names no statement: the shelling goes on there
    ("Армия продолжает обстрел Донецка.", "Shelling", "обстрел", [("donetsk", "Донецка")]),
    # "доставлен в одну из больниц": the phrase over "одну из", its place the hospitals' city
    ("Министр был срочно доставлен в одну из больниц Самары.", "Casualties", "доставлен", [("samara", "Самары")]),
    # a city adjective of a noun read from the dictionary's word ("-ск" dropped), not from a guess ("Новосибирь")
    ("Актёр был госпитализирован в одну из новосибирских клиник.", "Casualties", "госпитализирован",
     [("novosibirsk", "новосибирских")]),
]


@pytest.mark.parametrize("text, cls, trigger, expected", CASES)
def test_event_places(nlp, text, cls, trigger, expected):
    assert places(run(nlp, text), cls, trigger) == expected


def test_a_direction_of_another_verb_is_no_place(nlp):
    """"задержала его и доставила в Москву": Moscow is where he was taken, not where he was held."""
    assert places(run(nlp, "Полиция задержала его и доставила в Москву."), "Detention", "задержала") == []


def test_an_organisation_that_speaks_is_no_venue(nlp):
    """"В «Газпроме» подтвердили аварию": the company said it; the accident did not happen in it."""
    doc = run(nlp, "В «Газпроме» подтвердили аварию на газопроводе.")
    assert not any(r.role.endswith(PLACE) and r.entity and "gazprom" in r.entity
                   for e in doc.events for r in e.roles)


def test_a_partner_is_no_source(nlp):
    """"переговоры с Украиной": "с" with the instrumental is a partner, not where the talks start from."""
    assert places(run(nlp, "Переговоры с Украиной продолжатся."), "Negotiation", "Переговоры") == []


@pytest.mark.parametrize("text, trigger", [
    # a verb coordinated over a comma is another clause, with its own place
    ("Солдат скончался от ран, и был похоронен на кладбище в Самаре.", "скончался"),
    # phrases of compound prepositions name no place
    ("Санкции в отношении Ирана вступили в силу.", "Санкции"),
    ("Митинг в поддержку жителей Самары прошел в пятницу.", "Митинг"),
    # the office of whoever acts does not say where: the decree is not signed "in Russia"
    ("Президент России подписал указ о помиловании журналиста.", "подписал указ"),
    # a place phrase of a noun after the verb is the noun's
    ("Вчера умер представитель России в ООН.", "умер"),
    # an organisation in the genitive owns the place noun, it names no venue
    ("В завершившемся сезоне «Спартака» истёк контракт тренера.", "контракт"),
    # a place inside the topic of a verb is the topic's: the law is not signed in Moscow
    ("Президент подписал закон о сносе домов в Москве.", "подписал"),
    # a place of another event noun in the clause is that event's
    ("Она командовала спецоперацией после серии взрывов в Лондоне.", "спецоперацией"),
    # a relative clause whose pronoun agrees with the noun after the event is that noun's
    ("Губернатор рассказал о встрече с министром, который прилетел в Самару.", "встрече"),
    # the company that reported the fire ("сообщили в компании X") is not where it broke out
    ("Как сообщили в компании «Транснефть», на станции произошло возгорание.", "возгорание"),
    # a country with a word of its own is another than the one last named
    ("Президент встретился с послом Франции. В соседней стране прошли выборы.", "выборы"),
    # a place in the speaker's phrase is where the speaker is, not the statement
    ("Посольство РФ в Сирии подтвердило факт похищения двух россиян.", "подтвердило"),
    ("Похитители россиян в Сирии потребовали выкуп.", "потребовали"),
    # "на" with the accusative of a noun that is no place: what one reacts to, not where
    ("Белорусская сторона отреагировала на газовый ультиматум России.", "отреагировала"),
    # a state in the genitive of a person after the noun is the person's, not the visit's
    ("Кан осудил визит на острова президента России.", "визит"),
    # an event in a phrase of a reason ("в связи с", "в ответ на") is not where its verb happens
    ("В связи с гибелью Николая Доронина в Ульяновской области отменены все запланированные на сегодня "
     "мероприятия.", "гибелью"),
])
def test_no_place(nlp, text, trigger):
    assert places(run(nlp, text), None, trigger) == []


def test_a_genitive_state_of_a_competition_is_no_agent(nlp):
    """"чемпионат Испании": Spain is where it is held, not who acts."""
    doc = run(nlp, "В 2017 году он выиграл чемпионат Испании.")
    [event] = [e for e in doc.events if e.trigger == "чемпионат"]
    assert not any(r.role.endswith("agent") for r in event.roles)


def test_a_state_adjective_of_a_war_is_no_agent(nlp):
    """"иракской войны": the war was fought in Iraq, the adjective does not say who fought it; an attack's
    adjective still says who attacks ("украинские атаки")."""
    [war] = [e for e in run(nlp, "Ветерану иракской войны пересадили обе руки.").events if e.trigger == "войны"]
    assert not any(r.role.endswith("agent") for r in war.roles)
    [attack] = run(nlp, "Украинские атаки продолжались всю ночь.").events
    assert [(r.role.rsplit("#", 1)[-1], r.entity) for r in attack.roles if r.entity] == [("agent", "ukraine")]
    assert places(run(nlp, "Украинские атаки продолжались всю ночь."), "Attack", "атаки") == []


def test_a_state_adjective_on_a_building_is_no_place(nlp):
    """"в американском посольстве": an embassy a state owns stands in another state (the city after it says
    which)."""
    doc = run(nlp, "Взрыв произошёл в американском посольстве в Москве.")
    assert places(doc, "Explosion", "Взрыв") == [("amerikanskoye-posolstvo", "посольстве"), ("moscow", "Москве")]


def _stage_call(nlp, text):
    """The parsed document, the events stage and its per-call resolver, as the stage has them."""
    from extract.events import EventCall
    doc = nlp(text)
    stage = nlp.get_pipe("ontology_events")
    return doc, stage, EventCall(doc, stage.lexicon)


def test_the_place_model_needs_less_for_a_place_phrase_of_an_unplaced_event(nlp):
    """A phrase with a place preposition ("в Самаре") of an event the rules gave no place takes the lower add
    threshold; the same phrase once the event has a place, or a genitive name, takes the model's own."""
    from extract import argument_model
    doc, stage, res = _stage_call(nlp, "Митинг прошёл в Самаре у здания администрации Казани.")
    model = stage.place_model
    [samara] = [m for m in res.mentions if m.text == "Самаре"]
    [kazan] = [m for m in res.mentions if m.text == "Казани"]
    low = min(model.add_threshold, argument_model.PHRASE_ADD_THRESHOLD)
    assert low < model.add_threshold
    assert stage.add_threshold(model, samara, ["has_place=False", "cat=place"]) == low
    assert stage.add_threshold(model, samara, ["has_place=True", "cat=place"]) == model.add_threshold
    assert stage.add_threshold(model, kazan, ["has_place=False", "cat=place"]) == model.add_threshold
    # an organisation in a locative phrase is who spoke or acted ("сообщили в компании X"), not a venue
    assert stage.add_threshold(model, samara, ["has_place=False", "cat=organization"]) == model.add_threshold


def test_a_name_inside_a_party_is_no_place(nlp):
    """"Правительство Исама Шарафа подало в отставку": a name inside the body that resigns names the body."""
    from extract.events import AGENT, Role
    doc, stage, res = _stage_call(nlp, "Правительство Исама Шарафа подало в отставку.")
    [body] = [m for m in res.mentions if m.text == "Правительство Исама Шарафа"]
    [inner] = [m for m in res.mentions if m.text == "Исама Шарафа"]

    class Ev:
        roles = [Role(role=AGENT, entity=res.entity_of(body), start=body.start_char, end=body.end_char)]
    assert stage.inside_party(Ev, inner, res)
    Ev.roles = []
    assert not stage.inside_party(Ev, inner, res)


def test_a_state_after_u_is_no_place(nlp):
    """"захватил у Сирии": the state something is taken from is not where; near a city is ("бои у Донецка")."""
    doc = run(nlp, "Израиль захватил у Сирии Голанские высоты.")
    assert ("syria", "Сирии") not in places(doc, "Seizure", "захватил")


def test_a_named_place_wins_over_its_city_adjective(nlp):
    """"в нью-йоркском аэропорту Кеннеди": the airport has a name of its own; the city's adjective is not taken."""
    doc = run(nlp, "Стросс-Кан прилетел в Нью-Йорк. Его арестовали в нью-йоркском аэропорту Кеннеди.")
    assert ("nyu-york", "нью-йоркском") not in places(doc, "Arrest", "арестовали")


def test_a_bare_instrumental_is_no_place(nlp):
    """"островам, захваченным Советским Союзом": a place in the instrumental with no preposition is who acts, so
    the place model does not make it the event's place; "под Москвой" keeps its preposition."""
    doc = run(nlp, "Из-за спора по островам, захваченным Советским Союзом в конце второй мировой войны, две страны "
                   "в течение 65 лет остаются без мирного договора.")
    assert places(doc, "Seizure", "захваченным") == []
    _, stage, res = _stage_call(nlp, "Бои шли под Москвой, а город был окружён Россией.")
    [near] = [m for m in res.mentions if m.text == "Москвой"]
    [by] = [m for m in res.mentions if m.text == "Россией"]
    assert not stage.bare_instrumental(near.root)
    assert stage.bare_instrumental(by.root)


def test_a_city_adjective_place_is_a_mention_of_the_city(nlp):
    """"Каннский фестиваль ... в Канне": the adjective the festival's place was read from is a mention of the
    city (rule "state-adjective"), as NEREL marks it, beside the name."""
    doc = run(nlp, "Каннский фестиваль — международный кинематографический смотр, который проводится "
                   "ежегодно в Канне.")
    assert places(doc, "OtherEvent", "фестиваль") == [("kanne", "Каннский")]
    assert [(m.text, m.entity, m.rule) for m in doc.mentions] == [
        ("Каннский", "kanne", "state-adjective"), ("Канне", "kanne", "ner")]


def test_a_city_adjective_no_name_gives_is_read_from_the_dictionary(nlp):
    """"Каннского кинофестиваля" in a document that never names Cannes, nor does the lexicon: the adjective's stem
    with an ending is a geographical name of the dictionary ("Канны"), a place of its own with the adjective as its
    mention; "олимпийских" is no place ("Олимпия" is first a name)."""
    doc = run(nlp, "Фильм получил главный приз Каннского кинофестиваля.")
    assert places(doc, "OtherEvent", "кинофестиваля") == [("kanny", "Каннского")]
    assert [(e.key, e.label_ru, e.cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) for e in doc.entities
            if e.key == "kanny"] == [("kanny", "Канны", "Place")]
    doc = run(nlp, "Спортсмены готовятся к олимпийским соревнованиям.")
    assert places(doc, "OtherEvent", "соревнованиям") == []


def test_an_adjective_of_a_common_noun_is_no_town_in_sk(nlp):
    """"партизанской войны" is made from "партизан", not from the town "Партизанск" the "-ск" ending would give;
    "челябинского" has no word of its own, so Челябинск."""
    assert places(run(nlp, "Ветераны вспоминают годы партизанской войны."), "ArmedConflict", "войны") == []
    assert places(run(nlp, "Организаторы подвели итоги челябинского чемпионата."), "OtherEvent", "чемпионата") == [
        ("chelyabinsk", "челябинского")]


def test_a_longer_adjective_is_not_made_from_a_short_place_name(nlp):
    """"Венецианского" starts with the stem of "Вена" but adds a word, not a suffix: Vienna is no place of the
    Venice festival; "венский" is made from it."""
    doc = run(nlp, "Режиссёр живёт в Вене. Фильм получил главный приз Венецианского кинофестиваля.")
    assert all(key != "vienna" for key, _ in places(doc, "OtherEvent", "кинофестиваля"))
    doc = run(nlp, "Режиссёр живёт в Вене. Фильм получил главный приз венского кинофестиваля.")
    assert [key for key, _ in places(doc, "OtherEvent", "кинофестиваля")] == ["vienna"]


def test_an_event_nouns_own_city_adjective_comes_before_a_place_elsewhere_in_its_clause(nlp):
    """"в Ницце ... о планах Эдинбургского фестиваля": the festival's own adjective says where it is held; a
    place phrase of another word of the clause (the rules' last resort, `sentence_place`) does not hide it."""
    doc = run(nlp, "В Ницце режиссёр рассказал о планах Эдинбургского театрального фестиваля.")
    assert ("edinburg", "Эдинбургского") in places(doc, "OtherEvent", "фестиваля")
