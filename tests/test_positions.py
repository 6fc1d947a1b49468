"""Positions (extract/relations.py): who holds which post where, how it is held, and the posts no one named holds."""
import pytest

HOLDS, POSITION_IN = "holdsPositionIn", "positionIn"


def relations(nlp, text, predicates=(HOLDS,)):
    """(subject, predicate, object, qualifier, status, rule) of the positions the pipeline reads in text: who
    holds a post where (ekg:holdsPositionIn), with `POSITION_IN` also the post nodes."""
    doc = nlp(text)
    return {(r.subject, r.predicate.rsplit("#", 1)[-1], r.object, r.qualifier, r.status, r.rule)
            for r in doc._.relations if r.predicate.rsplit("#", 1)[-1] in predicates}


def test_the_title_before_a_name_is_its_holders_not_the_next_persons(nlp):
    got = relations(nlp, "Президент России Владимир Путин, поздравивший Рауля Кастро, выразил надежду на "
                         "сотрудничество.", (HOLDS, POSITION_IN))
    assert got == {("vladimir-putin", HOLDS, "russia", "Президент России", None, "title-before-name"),
                   ("prezident-rossii", POSITION_IN, "russia", "президент России", None, "post-phrase")}


def test_a_quoted_name_in_a_title(nlp):
    assert relations(nlp, "Лидер «Лиги» Маттео Сальвини заявил об этом журналистам.") == {
        ("matteo-salvini", HOLDS, "liga", "Лидер «Лиги»", None, "title-before-name")}


def test_a_title_in_apposition_after_the_name(nlp):
    assert relations(nlp, "Об этом сообщил Дик Адвокат, тренер «Зенита».") == {
        ("dik-advokat", HOLDS, "zenit", "тренер «Зенита»", None, "title-after-name")}


@pytest.mark.parametrize("text, holder, where, title, status", [
    ("Бывший сотрудник ГРУ Сергей Скрипаль отравлен в Солсбери.", "sergey-skripal", "gru", "сотрудник ГРУ",
     "former"),
    ("Исполняющий обязанности губернатора Кемеровской области Сергей Цивилев прибыл в Кемерово.",
     "sergey-tsivilev", "kemerovskaya-oblast", "губернатор Кемеровской области", "acting"),
    ("Кандидат в президенты США Дональд Трамп выступил в Огайо.", "donald-tramp", "united-states",
     "президенты США", "candidate"),
])
def test_a_former_an_acting_holder_and_a_candidate_are_told_apart(nlp, text, holder, where, title, status):
    assert relations(nlp, text) == {(holder, HOLDS, where, title, status, "title-before-name")}


def test_a_conjunction_ends_a_title(nlp):
    """"президент Франции и Владимир Путин": Путин is no president of France."""
    got = relations(nlp, "На саммите встретились президент Франции и Владимир Путин.")
    assert not any(s == "vladimir-putin" for s, *_ in got)


def test_a_post_of_a_kin_noun_is_not_the_names(nlp):
    """"супруга президента США Мишель Обама": the post is the husband's; it stays a post no one named holds."""
    assert relations(nlp, "Награду вручила супруга президента США Мишель Обама.", (HOLDS, POSITION_IN)) == {
        ("prezident-ssha", POSITION_IN, "united-states", "президент США", None, "post-phrase")}


def test_a_post_no_person_holds_is_a_node_of_its_own_phrase(nlp):
    doc = nlp("Сотрудники посольства США покинули город. Он был избран президентом Египта в 2012 году.")
    assert {(r.subject, r.object, r.start, r.end) for r in doc._.relations} == {
        ("sotrudnik-posolstva-ssha", "posolstvo-ssha", 0, 25), ("prezident-yegipta", "egypt", 56, 74)}
    post = doc._.positions["prezident-yegipta"]
    assert (post.cls.rsplit("#", 1)[-1], post.label_ru) == ("Position", "президент Египта")


def test_a_post_is_in_the_body_of_its_own_mention_not_a_conjoined_one(nlp):
    assert relations(nlp, "Тогда же президенты России и Сербии обсудили перспективы сотрудничества.", (HOLDS, POSITION_IN)) == {
        ("prezident-rossii", POSITION_IN, "russia", "президент России", None, "post-phrase")}


def test_no_post_in_a_place_behind_a_preposition(nlp):
    assert relations(nlp, "Полиция и журналисты на улицах Парижа после атаки.", (HOLDS, POSITION_IN)) == set()


def test_a_name_takes_the_post_it_agrees_with_and_a_title_stops_at_another_name(nlp):
    """"советник канцлера Германии Ангелы Меркель": Меркель's post is "канцлер"; Вайдман's title would run over
    her name, so he gets none here."""
    got = relations(nlp, "Главой банка станет советник канцлера Германии Ангелы Меркель по экономическим "
                         "вопросам Йенс Вайдман.")
    assert got == {("angela-merkel", HOLDS, "germany", "канцлер Германии", None, "title-before-name")}


def test_an_animate_accusative_agrees_with_a_genitive_name(nlp):
    assert relations(nlp, "Смерть бывшего сотрудника ГРУ Сергея Скрипаля расследуют.") == {
        ("sergey-skripalya", HOLDS, "gru", "сотрудник ГРУ", "former", "title-before-name")}


def test_a_post_said_of_a_person_by_its_verb(nlp):
    assert relations(nlp, "Медведев назначил Александра Бастрыкина председателем Следственного комитета РФ.") == {
        ("aleksandr-bastrykin", HOLDS, "sledstvenny-komitet-rf", "председатель Следственного комитета РФ", None,
         "post-predicate")}
    assert relations(nlp, "Госсекретарем стал Майк Помпео, который стал госсекретарем США.") == {
        ("mayk-pompeo", HOLDS, "united-states", "госсекретарь США", None, "post-predicate")}


def test_a_place_of_no_narrower_class_can_hold_a_post(nlp):
    """"Чечни" is a location the lexicon does not type (ekg:Place): its head holds a post there, as in a region."""
    assert relations(nlp, "Глава Чечни Рамзан Кадыров заявил об этом.") == {
        ("ramzan-kadyrov", HOLDS, "chechnya", "Глава Чечни", None, "title-before-name")}


HOLDS_POST = "holdsPosition"


@pytest.mark.parametrize("text, holder, where", [
    ("Сергей Иванов возглавляет компанию «Роснефть».", "sergey-ivanov", "rosneft"),
    ("Игорь Сечин руководит «Роснефтью» с 2012 года.", "igor-sechin", "rosneft"),
    ("Андрей Петров работал в ФСБ, а затем ушел в бизнес.", "andrey-petrov", "fsb"),
    ("Генерал Андрей Петров, который служил в ФСБ, ушел в отставку.", "andrey-petrov", "fsb"),
    ("В Дагестане действует «Имарат Кавказ», возглавляемый Доку Умаровым.", "doku-umarov", "imarat-kavkaz"),
])
def test_a_verb_of_heading_or_working_gives_the_body(nlp, text, holder, where):
    got = relations(nlp, text)
    assert (holder, HOLDS, where, None, None, "work-verb") in got


def test_a_verb_of_working_in_a_city_gives_no_post(nlp):
    """Behind a preposition only an organisation is a workplace: "работал в Москве" says where, not for whom."""
    assert relations(nlp, "Андрей Петров работал в Москве.") == set()


def test_the_named_holder_holds_the_post_node_of_the_title(nlp):
    """"Заместитель министра ... Алибек Бакаев": Бакаев holds the deputy's post, not the minister's."""
    got = relations(nlp, "Заместитель министра иностранных дел Казахстана Алибек Бакаев прибыл в Минск.",
                    (HOLDS_POST,))
    assert got == {("alibek-bakayev", HOLDS_POST, "zamestitel-ministra-inostrannykh-del-kazakhstana", None, None,
                    "title-holder")}


@pytest.mark.parametrize("text, post", [
    ("Заместитель министра иностранных дел Казахстана Алибек Бакаев прибыл в Минск.",
     "zamestitel-ministra-inostrannykh-del-kazakhstana"),
    ("Заместитель министра обороны России провёл совещание.", "zamestitel-ministra-oborony-rossii"),
])
def test_a_post_inside_another_posts_phrase_is_no_post_node_of_its_own(nlp, text, post):
    """The minister's post inside the deputy's title ("Заместитель министра обороны России") is part of it: one
    ekg:Position node, the deputy's."""
    doc = nlp(text)
    assert list(doc._.positions) == [post]
    assert {r.subject for r in doc._.relations if r.predicate.endswith(POSITION_IN)} == {post}


def test_a_states_adjective_before_a_post_of_its_service_names_the_state(nlp):
    """"Китайский лидер Ху Цзиньтао": China's leader; the post node starts at the adjective."""
    assert relations(nlp, "Китайский лидер Ху Цзиньтао прибыл в Москву.", (HOLDS, POSITION_IN, HOLDS_POST)) == {
        ("khu-tszintao", HOLDS, "china", "Китайский лидер", None, "title-before-name"),
        ("kitaysky-lider", POSITION_IN, "china", "китайский лидер", None, "post-phrase"),
        ("khu-tszintao", HOLDS_POST, "kitaysky-lider", None, None, "title-holder")}
    doc = nlp("Бывший российский министр финансов Алексей Кудрин выступил в Москве.")
    assert {(r.subject, r.object, r.qualifier, r.status, r.start, r.end) for r in doc._.relations
            if r.predicate.endswith(POSITION_IN)} == {
        ("rossiysky-ministr-finansov", "russia", "российский министр финансов", "former", 7, 34)}


def test_a_states_adjective_before_a_sportsman_is_his_nationality(nlp):
    """"бельгийский тренер": a Belgian coach, not a post in Belgium (ekg:StatePostNouns lists no coach)."""
    assert relations(nlp, "Бельгийский тренер Франк Веркотерен возглавил клуб.", (HOLDS, POSITION_IN)) == set()


def test_a_state_noun_of_a_title_is_the_state_the_sentence_named(nlp):
    """"лидер страны" after "В Венесуэле": Venezuela's leader; the post node's label names the state."""
    got = relations(nlp, "В Венесуэле прошли выборы, и действующий лидер страны Уго Чавес победил.",
                    (HOLDS, POSITION_IN))
    assert got == {("ugo-chaves", HOLDS, "venezuela", "лидер страны", None, "title-before-name"),
                   ("lider-strany-venesuela", POSITION_IN, "venezuela", "лидер страны (Венесуэла)", None,
                    "post-phrase")}
    assert relations(nlp, "Глава российского государства выступил с речью.", (POSITION_IN,)) == {
        ("glava-rossiyskogo-gosudarstva", POSITION_IN, "russia", "глава российского государства", None,
         "post-phrase")}


def test_a_state_noun_gives_no_state_when_the_sentence_named_several(nlp):
    assert relations(nlp, "Путин и Си встретились в России и Китае, лидер страны доволен.", (HOLDS, POSITION_IN)) \
        == set()


@pytest.mark.parametrize("text, holder, where", [
    ("Медиа-эксперт Джонатан Тэплин из Университета Южной Калифорнии говорит, что это так.",
     "dzhonatan-teplin", "universitet-yuzhnoy-kalifornii"),
    ("Иван Петров из «Спартака» забил гол.", "ivan-petrov", "spartak"),
])
def test_a_person_from_an_organisation_works_there(nlp, text, holder, where):
    assert relations(nlp, text) == {(holder, HOLDS, where, None, None, "from-body")}


@pytest.mark.parametrize("text", [
    "Иван Петров из Москвы приехал на встречу.",              # a place: where he comes from
    "Президент исключил Бориса Грызлова из Совета Безопасности.",   # the name is the verb's object
])
def test_a_person_from_a_place_or_removed_from_a_body_gets_no_post(nlp, text):
    assert relations(nlp, text) == set()


def test_a_player_of_a_club_by_a_team_verb(nlp):
    assert relations(nlp, "Милан Томашик, выступающий за шведский клуб «Дален», забил гол.") == {
        ("milan-tomashik", HOLDS, "dalen", None, None, "team-verb")}
    assert ("milan-tomashik", HOLDS, "dalen", None, None, "team-verb") in relations(
        nlp, "Лучшим бомбардиром турнира стал представитель Чехии Милан Томашик, выступающий за шведский клуб «Дален».")
    assert relations(nlp, "Путин выступил за сохранение «Газпрома».") == set()


@pytest.mark.parametrize("text, holder, where, title, rule", [
    ("Валерий Гергиев станет главным дирижёром Мюнхенского филармонического оркестра.", "valery-gergiyev",
     "myunkhensky-filarmonichesky-orkestr", "дирижер Мюнхенского филармонического оркестра", "post-predicate"),
    ("Так фронтмен Sex Pistols Джон Лайдон сказал это.", "dzhon-laydon", "sex-pistols", "фронтмен Sex Pistols",
     "title-before-name"),
])
def test_professions_are_posts_in_a_body(nlp, text, holder, where, title, rule):
    assert relations(nlp, text) == {(holder, HOLDS, where, title, None, rule)}


@pytest.mark.parametrize("text", [
    "Об этом сообщил президент Туниса, 74-летний Зин эль-Абидин Бен-Али.",
    "Об этом сообщил президент Туниса 74-летний Зин эль-Абидин Бен-Али.",
])
def test_a_title_reaches_over_the_holders_age(nlp, text):
    """The age between a title and its name is no part of the title, nor a stop to it."""
    assert relations(nlp, text, (HOLDS, POSITION_IN)) == {
        ("zin-el-abidin-ben-ali", HOLDS, "tunis", "президент Туниса", None, "title-before-name"),
        ("prezident-tunisa", POSITION_IN, "tunis", "президент Туниса", None, "post-phrase")}


def test_a_work_verb_gives_every_conjoined_body(nlp):
    assert relations(nlp, "Франк Веркотерен тренировал клубы «Аль-Джазира», «Генк» и брюссельский «Андерлехт».") \
        == {("frank-verkoteren", HOLDS, club, None, None, "work-verb") for club in ("al-dzhazira", "genk", "anderlekht")}


def test_a_participle_holding_a_post_gives_it_to_its_noun_not_to_the_parsers_subject(nlp):
    """"Таксином Чинаватом, занимавшим пост ...": his post; "сестра Таксина Чинавата, занимавшего пост ...": not
    the sister's (the parser makes her the participle's subject)."""
    assert relations(nlp, "Встреча с Таксином Чинаватом, занимавшим пост премьер-министра Таиланда, прошла.") == {
        ("taksin-chinavat", HOLDS, "tailand", "премьер-министр Таиланда", None, "post-predicate")}
    assert relations(nlp, "Йинглак Чинават - сестра Таксина Чинавата, занимавшего пост премьер-министра "
                          "Таиланда.") == set()


def test_a_title_of_honour_is_no_post_in_the_state(nlp):
    """"народный артист России": an honour the state gave, no post held in it."""
    assert relations(nlp, "80-летний народный артист России Александр Белявский был найден мёртвым.",
                     (HOLDS, POSITION_IN)) == set()


@pytest.mark.parametrize("text, holder, where", [
    ("Съезд оставил Рауля Кастро во главе Коммунистической партии Кубы.", "raul-kastro",
     "kommunisticheskaya-partiya-kuby"),
    ("Рауль Кастро остается во главе Госсовета Кубы.", "raul-kastro", "gossovet-kuby"),
])
def test_a_person_at_the_head_of_a_body(nlp, text, holder, where):
    assert relations(nlp, text) == {(holder, HOLDS, where, None, None, "at-the-head")}


def test_at_the_head_with_a_person_names_no_body(nlp):
    assert relations(nlp, "Делегация во главе с министром обороны России прибыла в Пекин.") == set()


def test_a_post_given_through_an_action_noun(nlp):
    assert relations(nlp, "Парламент одобрил назначение Мамуки Бахтадзе на пост премьер-министра Грузии.") == {
        ("mamuka-bakhtadze", HOLDS, "georgia", "премьер-министр Грузии", None, "post-predicate")}


def test_a_plural_title_is_each_conjoined_names(nlp):
    got = relations(nlp, "В матче сыграли защитники «Зенита» Иван Петров, Сергей Иванов и Олег Сидоров.")
    assert got == {("ivan-petrov", HOLDS, "zenit", "защитники «Зенита»", None, "title-before-name"),
                   ("sergey-ivanov", HOLDS, "zenit", "защитники «Зенита»", None, "title-shared"),
                   ("oleg-sidorov", HOLDS, "zenit", "защитники «Зенита»", None, "title-shared")}


def test_a_singular_title_is_its_first_names_only(nlp):
    assert relations(nlp, "Президент России Владимир Путин и Си Цзиньпин провели переговоры.") == {
        ("vladimir-putin", HOLDS, "russia", "Президент России", None, "title-before-name")}


def test_a_title_after_a_hyphen_for_a_dash(nlp):
    assert relations(nlp, "Евгений Шевчук - бывший спикер Верховного Совета Приднестровья.") == {
        ("yevgeny-shevchuk", HOLDS, "verkhovny-sovet-pridnestrovya", "бывший спикер Верховного Совета Приднестровья",
         "former", "title-after-name")}


def test_at_the_head_through_an_action_noun(nlp):
    assert relations(nlp, "Путин выразил уверенность, что деятельность Рауля Кастро во главе Коммунистической партии "
                          "Кубы будет способствовать партнёрству.") == {
        ("raul-kastro", HOLDS, "kommunisticheskaya-partiya-kuby", None, None, "at-the-head")}


def test_an_honorary_title_after_a_dash_is_no_post(nlp):
    assert relations(nlp, "Айрат Арсланов - народный артист РТ и РФ.") == set()


def test_a_title_walks_over_a_bodys_abbreviation_in_brackets(nlp):
    assert relations(nlp, "Президент Европейского союза борцов (ЕСБ) Ларс Нильсон ушел в отставку.") == {
        ("lars-nilson", HOLDS, "yevropeysky-soyuz-bortsov", "Президент Европейского союза борцов (ЕСБ)", None,
         "title-before-name")}


def test_a_title_walks_over_and_between_two_nouns_of_a_body(nlp):
    assert relations(nlp, "Генеральный директор центра спорта и образования «Вымпел» Олег Жуков подтвердил "
                          "информацию.") == {
        ("oleg-zhukov", HOLDS, "vympel", "директор центра спорта и образования «Вымпел»", None, "title-before-name")}


def test_a_post_by_a_copula_is_its_subjects(nlp):
    assert relations(nlp, "Иван Петров был директором научного центра Томского политехнического университета.") == {
        ("ivan-petrov", HOLDS, "tomsky-politekhnichesky-universitet",
         "директор научного центра Томского политехнического университета", None, "post-predicate")}


def test_a_post_said_of_the_name_in_apposition_to_the_subject(nlp):
    assert relations(nlp, "Главой Малави стала вице-президент Джойс Банда.") == {
        ("dzhoys-banda", HOLDS, "malavi", "Главой Малави", None, "post-predicate")}


@pytest.mark.parametrize("text, holder, where", [
    ("Министром назначен Игорь Петров. До этого он четыре года был гендиректором «Уралмаша».", "igor-petrov",
     "uralmash"),
    ("Глава компании Иван Сидоров встретился с Ольгой Кравец. Ранее она возглавляла «Роснефть».", "olga-kravets",
     "rosneft"),
])
def test_a_personal_pronoun_holds_the_post_of_the_person_it_stands_for(nlp, text, holder, where):
    assert (holder, where) in {(s, o) for s, _, o, *_ in relations(nlp, text)}


def test_titles_joined_by_a_comma_are_all_the_names(nlp):
    got = relations(nlp, "Председатель КНР, генеральный секретарь ЦК КПК Ли Мин выступил на съезде.")
    assert got == {("li-min", HOLDS, "china", "Председатель КНР", None, "title-joined"),
                   ("li-min", HOLDS, "tsk-kpk", "секретарь ЦК КПК", None, "title-before-name")}


@pytest.mark.parametrize("text", [
    "Путин, президент России, генеральный секретарь ЦК КПК Ли Мин встретились в Пекине.",
    "На встрече были президент Франции, канцлер Германии Ангела Меркель и премьер Италии Марио Монти.",
])
def test_a_title_after_a_name_or_in_a_list_of_people_is_no_joined_one(nlp, text):
    assert not any(r == "title-joined" for *_, r in relations(nlp, text))


def test_a_list_of_people_after_an_organisation_and_a_colon(nlp):
    got = relations(nlp, "За медали поборются спортсмены клуба «Торпедо»: Ольга Иванова, Анна Петрова и Мария "
                         "Котова.")
    assert {(s, o, r) for s, _, o, _, _, r in got} == {
        ("olga-ivanova", "torpedo", "list-after-body"), ("anna-petrova", "torpedo", "list-after-body"),
        ("mariya-kotova", "torpedo", "list-after-body")}


def test_an_indeclinable_deputys_title(nlp):
    assert ("anton-tsvetkov", "obshchestvenny-sovet") in {(s, o) for s, _, o, *_ in relations(
        nlp, "Зампредседателя Общественного совета при ГУ МВД России по Москве Антон Цветков сообщил об этом.")}


def test_a_list_after_an_organisation_leaves_the_people_named_before_it(nlp):
    got = relations(nlp, "За медали поборются бегун Илья Семенов (марафон), прыгунья Анна Котова (шест) и волейболистки "
                         "клуба «Торпедо»: Ольга Иванова, Мария Белова.")
    assert {(s, o) for s, _, o, *_ in got} == {("olga-ivanova", "torpedo"), ("mariya-belova", "torpedo")}


@pytest.mark.parametrize("text, holder, where, title", [
    ("Президент России Дмитрий Медведев своим указом назначил Александра Бастрыкина председателем Следственного "
     "комитета.", "aleksandr-bastrykin", "sledstvenny-komitet", "председатель Следственного комитета"),
    ("Парламент избрал Ивана Петрова президентом Молдавии.", "ivan-petrov", "moldova", "президент Молдавии"),
    ("В те годы Олег Сидоров занимал пост главы ЦРУ.", "oleg-sidorov", "tsru", "главы ЦРУ"),
])
def test_an_instrumental_post_on_a_verb_with_an_object_is_the_objects(nlp, text, holder, where, title):
    assert (holder, HOLDS, where, title, None, "post-predicate") in relations(nlp, text)
    assert not any(r == "post-predicate" and s != holder for s, *_, r in relations(nlp, text))


def test_a_post_with_no_one_named_on_the_verbs_object_has_no_holder(nlp):
    got = relations(nlp, "Глава государства Иван Петров предложил кандидатуру генерала Олега Сидорова на пост "
                         "командующего силами НАТО в Европе.")
    assert not any(r == "post-predicate" for *_, r in got)


def test_a_post_said_of_a_person_names_its_node_too(nlp):
    doc = nlp("Парламент избрал Ивана Петрова президентом Молдавии.")
    assert {(r.subject, r.predicate.rsplit("#", 1)[-1], r.object) for r in doc._.relations} >= {
        ("prezident-moldavii", "positionIn", "moldova"), ("ivan-petrov", "holdsPosition", "prezident-moldavii")}
