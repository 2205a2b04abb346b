"""Which language each article is in, before it is parsed.

The language an article gets is, in order: the run's ``--lang``; the language its record
declares (a JSONL ``lang`` field, an HTML page's ``lang`` attribute); else the one
:class:`LanguageDetector` hears (py3langid, offline). An article in a language with no folder
under ``lexicons/`` is quarantined with that reason, never coded with another's rules.

The detector chooses among the installed languages and the world's larger news languages,
so that a German or Spanish article is recognised as such (and quarantined) rather than
coded as the nearest installed language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from wirecoder.language import Language, installed
from wirecoder.records import Article, Quarantined

# larger news languages the detector also knows, so that they are not mistaken for an
# installed one (py3langid codes)
OTHER_LANGUAGES = (
    "ar", "bg", "cs", "da", "de", "el", "es", "fa", "fi", "he", "hi", "hu", "id", "it", "ja",
    "ko", "nl", "no", "pl", "pt", "ro", "ru", "sr", "sv", "tr", "uk", "ur", "vi", "zh",
)  # fmt: skip

_SAMPLE = 2000  # characters read: enough for the detector, cheap on long articles


class LanguageDetector:
    """py3langid's model, restricted to the installed and the larger news languages.

    The model (about a second to load) is loaded by the first :meth:`detect`, so a run whose
    records all say their language never loads it; :meth:`detect` then takes well under a
    millisecond.
    """

    def __init__(self, languages: Sequence[str] | None = None) -> None:
        codes = list(languages) if languages is not None else list(installed())
        self.by_detector = {Language.load(code).detect: code for code in codes}
        self._identifier: Any = None

    def detect(self, text: str) -> str:
        """The language code of ``text``: an installed language's code, or the detector's."""
        if self._identifier is None:
            self._identifier = self._load()
        label, _ = self._identifier.classify(text[:_SAMPLE])
        return self.by_detector.get(str(label), str(label))

    def _load(self) -> Any:
        from py3langid.langid import (  # type: ignore[import-untyped]
            MODEL_FILE,
            LanguageIdentifier,
        )

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        known = set(identifier.labels)
        identifier.set_languages(sorted((set(self.by_detector) | set(OTHER_LANGUAGES)) & known))
        return identifier


def assign_languages(
    items: Iterable[Article | Quarantined],
    detector: LanguageDetector | None,
    *,
    override: str | None = None,
    languages: Sequence[str] | None = None,
) -> Iterator[Article | Quarantined]:
    """Give every article its language; quarantine those in a language with no model.

    ``detector`` may be None when ``override`` is given (nothing to detect).
    """
    known = set(languages if languages is not None else installed())
    for item in items:
        if isinstance(item, Quarantined):
            yield item
            continue
        lang = override or item.lang
        if lang is None:
            if detector is None:
                raise ValueError("no language given and no detector to find it")
            lang = detector.detect(item.text)
        if lang not in known:
            yield Quarantined(
                item.id,
                f"language {lang!r} has no model here (installed: {', '.join(sorted(known))}): "
                "pass --lang if the detection is wrong, or add the language "
                "(docs/adding-a-language.md)",
                item.source,
            )
            continue
        yield item if item.lang == lang else replace(item, lang=lang)
