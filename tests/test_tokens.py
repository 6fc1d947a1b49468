"""extract.tokens.NatashaTokenizer: text kept exactly, offsets true, line breaks end sentences."""
from __future__ import annotations

import pytest

TEXTS = [
    "Заголовок без точки\n\nПервое предложение. Второе предложение.",
    "  Заголовок\n\nТекст с  двумя пробелами и\tтабуляцией.  \n",
    "Казахстан ведет переговоры по поводу атак на КТК.\n\n\n«Идет переговорный процесс», — сказал он.",
    "Цена — 1 500,5 руб./т (т.е. на 3,5% выше)…",
    "Одно слово",
    "\n\nТекст после пустых строк",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_is_kept_exactly(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert doc.text_with_ws == text


@pytest.mark.parametrize("text", TEXTS)
def test_token_offsets_match_the_input(nlp, text):
    doc = nlp.make_doc(text)
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text
    assert "".join(t.text_with_ws for t in doc) == text


def test_whitespace_other_than_one_space_is_a_token(nlp):
    doc = nlp.make_doc("Один  два\n\nтри четыре")
    assert [t.text for t in doc] == ["Один", "  ", "два", "\n\n", "три", "четыре"]
    assert [t.is_space for t in doc] == [False, True, False, True, False, False]


@pytest.mark.parametrize("text, expected", [
    ("Слово ", [("Слово", " ")]),                        # one space at the end: the word's trailing space
    ("Слово  ", [("Слово", ""), ("  ", "")]),            # more: a token of its own
    (" Слово", [(" ", ""), ("Слово", "")]),              # one space before any word: a token
    ("Раз \nдва", [("Раз", ""), (" \n", ""), ("два", "")]),
    (" ", [(" ", "")]),
])
def test_gaps_at_the_edges(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert [(t.text, t.whitespace_) for t in doc] == expected
    assert not any(t.is_sent_start for t in doc if t.is_space and t.i)


def test_line_break_starts_a_new_sentence(nlp):
    text = "Замминистра МИД Казахстана: у Украины позиции нет\n\nКазахстан ведет переговоры. Об этом заявил Бакаев."
    doc = nlp.make_doc(text)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Замминистра", "Казахстан", "Об"]


def test_single_line_break_also_ends_a_sentence(nlp):
    doc = nlp.make_doc("Заголовок\nАбзац текста.")
    assert [t.text for t in doc if t.is_sent_start] == ["Заголовок", "Абзац"]


def test_sentences_after_the_whole_pipeline(nlp):
    text = "Атака на танкер\n\nУкраина атаковала танкер. Казахстан заявил протест."
    doc = nlp(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == ["Атака на танкер", "Украина атаковала танкер.",
                                                   "Казахстан заявил протест."]


def test_whitespace_is_never_a_sentence_start(nlp):
    doc = nlp.make_doc("Заголовок\n\nТекст.  Ещё текст.\n")
    assert not any(t.is_sent_start for t in doc if t.is_space)


def test_leading_whitespace_goes_through_the_pipeline(baseline_nlp):
    text = "  Заголовок\n\nТекст."
    doc = baseline_nlp(text)
    assert doc.text == text
    assert all(any(not t.is_space for t in s) for s in doc.sents)


def test_leading_whitespace_is_not_a_sentence(nlp):
    doc = nlp.make_doc("  Заголовок\n\nТекст.")
    assert all(any(not t.is_space for t in s) for s in doc.sents)


def test_sentence_words_are_each_sentences_words_without_whitespace(nlp):
    from extract.morphology import sentence_words
    doc = nlp.make_doc("  Один  два.\n\nТри четыре.")
    assert [t.text for t in doc] == ["  ", "Один", "  ", "два", ".", "\n\n", "Три", "четыре", "."]
    assert sentence_words(doc) == [([1, 3, 4], ["Один", "два", "."]), ([6, 7, 8], ["Три", "четыре", "."])]


def test_natasha_stages_set_what_token_writes_would(baseline_nlp):
    """The array-written POS and morph equal `token.pos_` / `token.set_morph` of Natasha's tags; whitespace
    tokens are SPACE and hang off the previous word of their sentence (its first word when none is before)."""
    from spacy.tokens import MorphAnalysis
    from extract import models
    doc = baseline_nlp("  Мэр  открыл мост.\n\nЕго построили давно.")
    words = [t for t in doc if not t.is_space]
    [first, second] = models.morph_tagger().map([["Мэр", "открыл", "мост", "."], ["Его", "построили", "давно", "."]])
    for token, tag in zip(words, [*first.tokens, *second.tokens]):
        assert token.pos_ == tag.pos
        assert str(token.morph) == str(MorphAnalysis(baseline_nlp.vocab, tag.feats))
    spaces = [(t.text, t.pos_, t.head.text, t.dep_) for t in doc if t.is_space]
    assert spaces == [("  ", "SPACE", "Мэр", "dep"), ("  ", "SPACE", "Мэр", "dep"), ("\n\n", "SPACE", ".", "dep")]


SENTENCES = [["Мэр", "открыл", "мост", "."],
             ["В", "понедельник", "в", "Москве", "мэр", "города", "Сергей", "Собянин", "открыл", "новый", "мост",
              "через", "реку", ",", "который", "строили", "три", "года", "."],
             ["Его", "построили", "давно", "."], ["Мост", "открыт", "."], ["СИЗО-6", ",", "2011-2020", "…"],
             ["Глава", "«Газпрома»", "Алексей", "Миллер", "и", "мэр", "Москвы", "встретились", "в", "Кремле", "."],
             ["Нет", "."], ["Мэр", "сказал", ":", "«", "Мост", "открыт", "»", "."], ["Да", "."]]


def test_morphology_batched_by_length_gives_natashas_tags_in_order():
    """Sentences batched by length (less padding) come back in input order with the tags Natasha's own
    batching in text order gives (more sentences than one batch of 8, of lengths 2 to 19)."""
    import natasha
    from slovnet.conll import parse_conll_tag
    from extract import models
    plain = natasha.NewsMorphTagger(models.embedding())
    tags = [[(t.text, t.pos, t.feats) for t in m.tokens] for m in plain.map(SENTENCES)]
    tagger = models.morph_tagger()
    names = models.tag_names(tagger)
    kept = models.predict_by_length(tagger, SENTENCES)
    assert [[(w, *parse_conll_tag(names[t])) for w, t in zip(words, ids.tolist())]
            for words, ids in zip(SENTENCES, kept)] == tags
    assert models.predict_by_length(tagger, []) == []


def test_kept_word_ids_are_slovnets():
    """The encoder that keeps each word's ids gives slovnet's (vocabulary id, shape id) for known, unknown,
    repeated, upper-case and punctuation words, on first sight and from what it kept."""
    from slovnet.exec.encoders import WordShapeEncoder
    from extract import models
    for model in (models.morph_tagger(), models.syntax_parser(), models.ner_tagger()):
        kept = model.infer.encoder
        assert isinstance(kept, models.KeptWordIds)
        for words in [*SENTENCES, ["мэр", "МЭР", "Мэр", "мэр", "Qwertyzzz", "—", "???"]]:
            expected = WordShapeEncoder.item(kept, words)
            assert kept.item(words) == expected
            assert kept.item(words) == expected      # now from the kept ids


def test_rows_cnn_encoder_gives_slovnets_numbers_bit_for_bit():
    """The encoder run on the words' rows gives the very floats slovnet's CNN encoder gives, on padded batches of
    sentences of 2 to 19 words, for each of the three models."""
    import numpy
    from slovnet.exec.model import CNNEncoder
    from extract import models
    for model in (models.morph_tagger(), models.syntax_parser(), models.ner_tagger()):
        infer = model.infer
        assert isinstance(infer.model.encoder, models.RowsCNNEncoder)
        plain = CNNEncoder(infer.model.encoder.layers)
        for batch in infer.encoder(SENTENCES):
            x = infer.model.emb(batch.word_id, batch.shape_id)
            ours, theirs = infer.model.encoder(x, batch.pad_mask), plain(x, batch.pad_mask)
            assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
            assert numpy.array_equal(ours, theirs)


def test_flat_navec_embedding_gives_navecs_vectors():
    """Word vectors read in one take are navec's, for a batch of known, unknown and padding word ids."""
    import numpy
    from slovnet.exec.model import NavecEmbedding
    from extract import models
    for model in (models.morph_tagger(), models.syntax_parser(), models.ner_tagger()):
        word = model.infer.model.emb.word
        assert isinstance(word, models.FlatNavecEmbedding)
        plain = NavecEmbedding(word.id, word.indexes, word.codes)
        for batch in model.infer.encoder(SENTENCES):
            assert numpy.array_equal(word(batch.word_id), plain(batch.word_id))
        ids = numpy.array([[0, 1, word.indexes.array.shape[0] - 1]])
        assert numpy.array_equal(word(ids), plain(ids)) and word(ids).shape == (1, 3, 300)


def test_rows_crf_decodes_the_tags_slovnets_crf_decodes():
    """The NER tagger's Viterbi decoding gives slovnet's tags on one text, on a padded batch of texts of other
    lengths, and on a text of one word."""
    from slovnet.exec.model import CRF
    from extract import models
    infer = models.ner_tagger().infer
    crf = infer.model.head.crf
    assert isinstance(crf, models.RowsCRF)
    texts = [[w for s in SENTENCES for w in s], *SENTENCES, ["Москва"]]
    for items in (texts[:1], texts[1:], texts[-1:]):
        for batch in infer.encoder(items):
            emissions = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
            ours = crf.decode(emissions, ~batch.pad_mask)
            theirs = CRF(crf.transitions).decode(emissions, ~batch.pad_mask)
            assert [t.tolist() for t in ours] == [t.tolist() for t in theirs]
    assert models.ner_tags(["Глава", "«Газпрома»", "Алексей", "Миллер"])[2:] == ["B-PER", "I-PER"]


@pytest.mark.parametrize("text", [
    "Глава «Газпрома» Алексей Миллер и мэр Москвы Сергей Собянин встретились в Кремле.",
    "  Мэр\xa0Москвы\tСергей Собянин\n\nоткрыл мост в Санкт-Петербурге 😀, сообщил ТАСС…",
    "ООО «Ромашка» (г. Казань) и ПАО «Лукойл»"])
def test_ner_on_the_tokenizers_tokens_finds_what_the_tagger_finds_in_the_text(nlp, text):
    """The NER stage reads the tokenizer's razdel tokens instead of having slovnet tokenize the text again:
    the same spans as the tagger on the text, whatever the whitespace."""
    import natasha
    from slovnet.bio import bio_spans
    from extract import models
    from extract.tokens import source_tokens
    plain = natasha.NewsNERTagger(models.embedding())
    expected = [(s.start, s.stop, s.type) for s in plain(text).spans]
    tokens = source_tokens(nlp.make_doc(text))
    assert [t.text for t in tokens] == [text[t.start:t.stop] for t in tokens]
    assert [(s.start, s.stop, s.type) for s in bio_spans(tokens, models.ner_tags([t.text for t in tokens]))] == expected
    assert expected        # each text names somebody or something


def test_syntax_batched_by_length_gives_natashas_heads_in_order():
    """The parser on length batches: Natasha's heads and relations, in input order (sentences without two
    equal words, whose exact ties may break either way: extract/models.py predict_by_length)."""
    import natasha
    from extract import models
    plain = natasha.NewsSyntaxParser(models.embedding())
    heads = [[(t.text, t.head_id, t.rel) for t in m.tokens] for m in plain.map(SENTENCES)]
    parser = models.syntax_parser()
    names = models.tag_names(parser)
    kept = models.predict_by_length(parser, SENTENCES)
    assert [[(w, str(h), names[r]) for w, h, r in zip(words, head_ids.tolist(), rel_ids.tolist())]
            for words, (head_ids, rel_ids) in zip(SENTENCES, kept)] == heads


@pytest.mark.parametrize("text", TEXTS + ["Указ, который был опубликован рядом с вокзалом, подписал президент России."])
def test_parse_columns_are_the_tokens_own(nlp, text):
    """The columns the ontology stages read instead of Tokens (token_columns.syntax, children, punct;
    resolve.sentence_bounds, sentence_range) say what spaCy's Tokens say, whitespace tokens included."""
    from extract.resolve import sentence_bounds, sentence_range, sentence_spans
    from extract.token_columns import children, punct, syntax
    doc = nlp(text)
    assert syntax(doc) == ([t.dep_ for t in doc], [t.head.i for t in doc])
    assert children(doc) == [[c.i for c in t.children] for t in doc]
    assert punct(doc) == [t.is_punct for t in doc]
    assert sentence_bounds(doc) == [(s.start, s.end) for s in doc.sents]
    assert [(s.start, s.end) for s in sentence_spans(doc)] == [(s.start, s.end) for s in doc.sents]
    assert [sentence_range(doc, t.i) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]


@pytest.mark.parametrize("text", TEXTS + ["Задержанные были доставлены в отдел полиции, где их допросили следователи."])
def test_morph_and_tree_columns_are_the_tokens_own(nlp, text):
    """token_columns.morph_get (by the MORPH hash) and argument_model.tree (the syntax columns, IDX) say what
    spaCy's Tokens say; a Doc without the columns is read through spaCy."""
    import spacy
    from extract.argument_model import tree
    from extract.token_columns import morph_get
    doc = nlp(text)
    fields = ("Case", "Number", "Gender", "Animacy", "VerbForm", "Voice", "Tense", "Aspect", "Person", "Mood")
    assert [[morph_get(t, f) for f in fields] for t in doc] == [[t.morph.get(f) for f in fields] for t in doc]
    assert morph_get(doc[0], "Case") is not morph_get(doc[0], "Case")      # a new list each, as spaCy's
    heads, deps, at = tree(doc)
    assert heads == [t.head.i for t in doc] and deps == [t.dep_.lower() for t in doc]
    assert at == {t.idx: t.i for t in doc}
    bare = spacy.blank("ru")("Москва")
    assert morph_get(bare[0], "Case") == []


@pytest.mark.parametrize("text", TEXTS + ["  Пожар\n\nв Подмосковье:  три человека погибли.  "])
def test_text_columns_are_the_tokens_own(nlp, text):
    """The columns' words (the tokenizer's own list, `tokens.source_words`), lower-case forms, lemmas, parts of
    speech and letters say what spaCy's Tokens say, whitespace tokens included; a Doc the tokenizer did not make
    has no source words."""
    import spacy
    from extract.token_columns import columns
    from extract.tokens import source_words
    doc = nlp(text)
    cols = columns(doc)
    assert cols.text == source_words(doc) == [t.text for t in doc]
    assert (cols.lower, cols.lemma, cols.pos, cols.alpha) == ([t.lower_ for t in doc], [t.lemma_ for t in doc],
                                                              [t.pos_ for t in doc], [t.is_alpha for t in doc])
    assert source_words(spacy.blank("ru")("Москва")) is None
