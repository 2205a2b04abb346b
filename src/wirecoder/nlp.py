"""The spaCy side: loading a language's pipeline, text normalisation, batched parsing.

Normalisation maps typographic characters one-for-one (``’`` → ``'``, non-breaking spaces →
space, ``«»`` → ``"``), so the normalised text has the same length as the original and every
offset the parser gives still points into the article as it was read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirecoder.ud import is_clear_scheme, to_universal

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

_ONE_FOR_ONE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": "-",
    }
)


def normalise(text: str) -> str:
    """Replace typographic characters one-for-one; the result has the same length."""
    return text.translate(_ONE_FOR_ONE)


_CLITICS = frozenset(
    [
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "je",
        "tu",
        "nous",
        "vous",
        "t",
        "le",
        "la",
        "les",
        "lui",
        "leur",
        "moi",
        "toi",
        "y",
        "en",
        "ce",
        "ci",
        "là",
    ]
)


class HyphenCompounds:
    """A tokenizer wrapper that keeps ``état-major``, ``nord-coréen``, ``porte-parole`` whole,
    and English possessive names (``Moody's``).

    The French models split hyphenated compounds into three tokens and then parse ``major``
    as a conjunct; joined, they parse as one noun. ``a-t-il`` and other clitics stay apart.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        if "'s" in text:
            doc = _join_possessive_names(doc)
        if "-" not in text:
            return doc
        from spacy.attrs import ORTH

        # a chain of joined triples (left, "-", right), each starting on the last one's right
        dashes = (doc.to_array(ORTH) == doc.vocab.strings["-"]).nonzero()[0].tolist()
        firsts = [
            d - 1
            for d in dashes
            if 0 < d < len(doc) - 1 and self._joins(doc[d - 1], doc[d], doc[d + 1])
        ]
        spans: list[tuple[int, int]] = []
        for first in firsts:
            if spans and spans[-1][1] == first + 1:
                spans[-1] = (spans[-1][0], first + 3)
            else:
                spans.append((first, first + 3))
        if spans:
            with doc.retokenize() as retokenizer:
                for start, end in spans:
                    retokenizer.merge(doc[start:end])
        return doc

    @staticmethod
    def _joins(left: Token, dash: Token, right: Token) -> bool:
        return (
            dash.text == "-"
            and not left.whitespace_
            and not dash.whitespace_
            and left.is_alpha
            and right.is_alpha
            and right.lower_ not in _CLITICS
        )


def _join_possessive_names(doc: Doc) -> Doc:
    """``Moody's``, ``McDonald's``: an English possessive name in French text, which the French
    tokenizer cuts as an elision (``Moody'`` + ``s``), made one token again."""
    spans = [
        (t.i, t.i + 2)
        for t in doc
        if t.i + 1 < len(doc)
        and len(t.text) > 3
        and t.text.endswith("'")
        and t.text[0].isupper()
        and t.text[:-1].isalpha()
        and not t.whitespace_
        and doc[t.i + 1].text == "s"
    ]
    if spans:
        with doc.retokenize() as retokenizer:
            for start, end in spans:
                retokenizer.merge(doc[start:end])
    return doc


def index_as_sets(nlp: Language) -> None:
    """Turn the rule lemmatizer's word lists into sets: same lemmas, a sixth of the parse saved.

    spaCy's rule lemmatizers (French, English, Catalan, Greek…) ask ``word in index`` of a
    ``lemma_index`` table whose values are lists of up to 66,000 words, so every word the
    lemmatizer's cache has not seen scans them. Membership and truthiness are all the
    lemmatizers ask of these values, and a frozenset answers both the same way.
    """
    for _, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key, words in list(table.items()):
            if isinstance(words, list):
                table[key] = frozenset(words)


class ParagraphBreaks:
    """A tokenizer wrapper that starts a sentence after every line break, which the parser
    then keeps: a paragraph never runs on into the next (``… ont refusé cet accès.`` / ``À
    l'ouverture du congrès, …`` read as one sentence glues the second's words to the first's
    verb), nor a title into its first paragraph."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        if "\n" not in text:
            return doc
        from spacy.attrs import IS_SPACE

        spaces = set(doc.to_array(IS_SPACE).nonzero()[0].tolist())
        for i in sorted(spaces):  # spaCy keeps line breaks as space tokens ("\n\n")
            if i + 1 < len(doc) and "\n" in doc[i].text and i + 1 not in spaces:
                doc[i + 1].is_sent_start = True
        return doc


class ModelNotInstalledError(RuntimeError):
    """The spaCy pipeline for a language is not installed."""


@dataclass
class Parser:
    """A loaded spaCy pipeline for one language. Load once, parse many.

    The pipeline is the one ``lexicons/<lang>/language.yaml`` names, or ``model`` (a package
    name or a path). A parser that speaks ClearNLP is rewritten as Universal Dependencies
    after each parse (:mod:`wirecoder.ud`), so later stages read one label scheme.
    """

    lang: str
    nlp: Language
    universal: bool = False  # rewrite ClearNLP labels as UD after parsing
    # the lemmatizer caches every (word, tag) it has seen, about 300 bytes each: past this many
    # (about 150 MB) it starts again, so a run over years of wire does not grow without bound
    cache_limit: int = 500_000
    _submitted: dict[int, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, lang: str, model: str | None = None) -> Parser:
        """Load the pipeline registered for ``lang`` (or ``model``, a name or a path)."""
        import spacy

        from wirecoder.actors.lexicon import LexiconError
        from wirecoder.language import Language as Registry

        try:
            entry = Registry.load(lang)
        except LexiconError as exc:
            raise ModelNotInstalledError(str(exc)) from exc
        name = model or entry.model
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelNotInstalledError(
                f"spaCy model {name!r} for {lang!r} is not installed; run `make install` "
                f"or point the language to an installed pipeline (--model {lang}=NAME_OR_PATH)"
            ) from exc
        if entry.join_hyphens:
            nlp.tokenizer = HyphenCompounds(nlp.tokenizer)
        index_as_sets(nlp)
        nlp.tokenizer = ParagraphBreaks(nlp.tokenizer)
        parser = nlp.get_pipe("parser") if nlp.has_pipe("parser") else None
        labels = getattr(parser, "labels", ())
        return cls(lang=lang, nlp=nlp, universal=is_clear_scheme(labels))

    def parse(self, text: str) -> Doc:
        doc = self.nlp(normalise(text))
        return to_universal(doc) if self.universal else doc

    def parse_many(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """Parse in batches with ``nlp.pipe``; docs come back in input order."""
        docs = self.nlp.pipe((normalise(t) for t in texts), batch_size=batch_size)
        return (
            self._bounded(to_universal(d) for d in docs) if self.universal else self._bounded(docs)
        )

    def submit(self, texts: Sequence[str]) -> int:
        """Keep ``texts`` for :meth:`collect` (the interface of a parse process, here parsed
        when collected)."""
        ticket = max(self._submitted, default=-1) + 1
        self._submitted[ticket] = list(texts)
        return ticket

    def collect(self, ticket: int) -> list[Doc]:
        """The docs of the texts :meth:`submit` took, in their order."""
        return list(self.parse_many(self._submitted.pop(ticket)))

    def close(self) -> None:
        """Nothing to stop: the pipeline lives in this process."""

    def _bounded(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """``docs``, emptying a component's cache (the lemmatizer's) past ``cache_limit``."""
        for doc in docs:
            yield doc
            for _, pipe in self.nlp.pipeline:
                cache = getattr(pipe, "cache", None)
                if isinstance(cache, dict) and len(cache) > self.cache_limit:
                    cache.clear()
