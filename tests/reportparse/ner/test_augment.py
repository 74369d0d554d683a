"""Augmented training copies: entities and relations kept exactly, the words around them changed."""

from reportparse.ner.augment import AugmentOptions, augment_examples
from reportparse.ner.data import NerExample, Relation


def _example(i: int = 0) -> NerExample:
    text = "Agli esami di controllo risulta Emoglobina 10,9 g/dL (v.n. 12-16), in calo rispetto al mese scorso."
    a = (text.index("Emoglobina"), text.index("Emoglobina") + len("Emoglobina"))
    v = (text.index("10,9"), text.index("10,9") + 4)
    u = (text.index("g/dL"), text.index("g/dL") + 4)
    r = (text.index("12-16"), text.index("12-16") + 5)
    return NerExample(text, "it", ((*a, "ANALYTE"), (*v, "VALUE"), (*u, "UNIT"), (*r, "RANGE")),
                      (Relation(a, v, u, r),), source=f"test:{i}")


def test_no_share_gives_the_examples_back_unchanged():
    examples = [_example()]
    assert augment_examples(examples, AugmentOptions()) == examples


def test_copies_keep_every_entity_text_label_and_relation():
    examples = [_example(i) for i in range(20)]
    out = augment_examples(examples, AugmentOptions(share=1, word_swap=0.5, glue_unit=1.0, name_case=1.0, seed=3))
    assert out[:20] == examples and len(out) == 40
    for original, copy in zip(examples, out[20:]):
        assert [label for *_, label in copy.entities] == [label for *_, label in original.entities]
        texts = [copy.text[s:e] for s, e, _ in copy.entities]
        assert texts[1:] == ["10,9", "g/dL", "12-16"] and texts[0] in ("EMOGLOBINA", "emoglobina")
        relation = copy.relations[0]
        assert copy.text[relation.value[0]:relation.value[1]] == "10,9"
        assert copy.text[relation.unit[0]:relation.unit[1]] == "g/dL"
        assert "10,9g/dL" in copy.text  # glue_unit=1 removes the space between value and unit


def test_words_around_entities_are_swapped_for_words_of_the_training_set():
    examples = [_example(i) for i in range(30)]
    copies = augment_examples(examples, AugmentOptions(share=1, word_swap=0.6, glue_unit=0, name_case=0, seed=1))[30:]
    assert any(copy.text != examples[0].text for copy in copies)
    vocabulary = set(examples[0].text.replace(",", " ").replace(".", " ").replace("(", " ").split())
    for copy in copies:
        assert set(w for w in copy.text.replace(",", " ").replace(".", " ").replace("(", " ").split()
                   if w.isalpha()) <= vocabulary


def test_a_fractional_share_adds_copies_of_about_that_share_deterministically():
    examples = [_example(i) for i in range(200)]
    first = augment_examples(examples, AugmentOptions(share=0.5, seed=2))
    assert 60 < len(first) - 200 < 140
    assert first == augment_examples(examples, AugmentOptions(share=0.5, seed=2))
