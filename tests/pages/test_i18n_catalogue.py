"""The translation catalogue: complete, no duplicates, loud on unknown keys."""

from __future__ import annotations

import logging

from components import i18n
from components.i18n import LANGS, catalogue, catalogue_problems, merge_messages, normalize_lang, t


def test_catalogue_has_no_problems() -> None:
    """Every key of every messages module has zh and en text, and no key is defined twice."""
    assert catalogue_problems() == ()
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key


def test_merge_reports_duplicates_and_gaps() -> None:
    merged, problems = merge_messages(
        [
            ("a", {"x.one": {"zh": "一", "en": "one"}, "x.two": {"zh": "二"}}),
            ("b", {"x.one": {"zh": "壹", "en": "One"}, "x.three": {"zh": "三", "en": "", "fr": "t"}}),
        ]
    )
    assert merged["x.one"] == {"zh": "一", "en": "one"}  # first definition wins
    assert problems == [
        "x.two (a): missing en",
        "x.one: defined in both a and b",
        "x.three (b): missing en",
        "x.three (b): unknown language fr",
    ]


def test_t_translates_and_formats() -> None:
    assert t("app.name", "zh") == "阿米巴经营看板"
    assert t("app.name", "en") == "Amoeba Board"
    assert t("notfound.body", "en", path="/nope") == (
        "There is no page at /nope. The link may be outdated or mistyped."
    )


def test_unknown_key_is_loud(caplog) -> None:
    i18n._warn_unknown.cache_clear()
    with caplog.at_level(logging.ERROR, logger="components.i18n"):
        assert t("no.such.key", "en") == "⟦no.such.key⟧"
    assert "no.such.key" in caplog.text


def test_missing_placeholder_returns_template(caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="components.i18n"):
        assert t("notfound.body", "zh", other="x").startswith("没有找到地址 {path}")
    assert "cannot format" in caplog.text


def test_normalize_lang() -> None:
    assert normalize_lang("en") == "en"
    assert normalize_lang("EN-us") == "en"
    assert normalize_lang("zh_CN") == "zh"
    assert normalize_lang(None) == "zh"
    assert normalize_lang("fr") == "zh"
    assert normalize_lang(["en"]) == "zh"
