"""The recognizers are ordinary Presidio recognizers a Presidio user could reuse."""
from __future__ import annotations

from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry

from redaction.engine import get_engine
from redaction.recognizers import RECOGNIZER_CLASSES, DkCprRecognizer
from redaction.registry import build_registry, describe


def test_every_recognizer_is_a_presidio_pattern_recognizer_for_every_language():
    registry = build_registry()
    assert isinstance(registry, RecognizerRegistry)
    for lang in ("da", "sv", "en", "xx"):
        names = {r.name for r in registry.get_recognizers(language=lang, all_fields=True)}
        assert names == {cls.__name__ for cls in RECOGNIZER_CLASSES}
    assert all(issubclass(cls, PatternRecognizer) for cls in RECOGNIZER_CLASSES)


def test_a_recognizer_works_in_a_plain_presidio_engine():
    nlp_engine = get_engine().analyzer.nlp_engine
    registry = RecognizerRegistry(supported_languages=["da"])
    registry.add_recognizer(DkCprRecognizer(supported_language="da"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["da"])
    results = analyzer.analyze("mit cpr er 010203-1234", language="da")
    assert [(r.entity_type, r.start, r.end) for r in results] == [("DK_CPR", 11, 22)]


def test_describe_lists_names_types_and_state():
    infos = {i.name: i for i in describe(["IpAddressRecognizer"])}
    assert infos["IpAddressRecognizer"].enabled is False
    assert infos["DkCprRecognizer"].enabled is True and infos["DkCprRecognizer"].entity == "DK_CPR"
    assert all(i.description for i in infos.values())


def test_class_names_do_not_shadow_presidios_predefined_recognizers():
    """Presidio's default registry finds recognizer classes by name among all
    subclasses; a clash would break a stock AnalyzerEngine in the same process."""
    import presidio_analyzer.predefined_recognizers as predefined

    presidio_names = {n for n in dir(predefined) if n.endswith("Recognizer")}
    assert not presidio_names & {cls.__name__ for cls in RECOGNIZER_CLASSES}
    stock = AnalyzerEngine(nlp_engine=get_engine().analyzer.nlp_engine, supported_languages=["en"])
    assert {"EmailRecognizer", "IbanRecognizer"} <= {r.name for r in stock.get_recognizers("en")}
