"""Actor-phrase benchmark: how often the resolver codes a French subject phrase right.

Each case of ``tests/data/actor_phrases_fr.tsv`` is a short invented article: optional
``context`` sentences, then a ``sentence`` whose main-verb subject is ``phrase``. The script
parses context and sentence as one text (so token indices, and the resolver's per-article
cache, stay those of one document, as in the pipeline), feeds every sentence in order to
``ActorResolver.register`` (the target sentence too, as ``EventExtractor.sentence_events``
does before it reads the sides), finds the subject token, calls ``resolver.resolve`` and
compares the first actor with the expectation:

- code: ``country`` or ``igo`` (an empty expectation means "no code");
- sector: the FIRST expected sector against the actor's first sector;
- role and name: only when the case gives one (compared lower-cased, spaces folded).

Group rows (``igo`` = ``GROUP:AZE+PAK``) expect the pair the group noun stands for: when
``resolve`` gives nothing, the members come from ``group_members`` (as the extractor does);
the set of member codes must equal the expected set, and the first member's first sector
must equal the expected sector.

Run:  .venv/bin/python benchmarks/actor_phrases.py [--data PATH] [--pattern P] [--id ID]
Always exits 0: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from wirecoder.actors.resolve import ActorResolver
    from wirecoder.pipeline import Coder
    from wirecoder.records import Actor

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
COLUMNS = (
    "id",
    "pattern",
    "context",
    "sentence",
    "phrase",
    "country",
    "igo",
    "sectors",
    "role",
    "name",
)
SUBJECTS = {"nsubj", "nsubj:pass"}
HEADS = {"NOUN", "PROPN", "PRON"}
GROUP = "GROUP:"


class CaseFileError(ValueError):
    """The test-case file is malformed; the message names the line and the case id."""


@dataclass(frozen=True, slots=True)
class Case:
    """One expected actor phrase."""

    id: str
    pattern: str
    context: str
    sentence: str
    phrase: str
    country: str
    igo: str
    sectors: tuple[str, ...]
    role: str
    name: str

    @property
    def code(self) -> str:
        return self.country or self.igo

    @property
    def group(self) -> frozenset[str] | None:
        """The expected member codes of a group row, or None for a single actor."""
        if not self.igo.startswith(GROUP):
            return None
        return frozenset(self.igo[len(GROUP) :].split("+"))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the resolver gave for one case, and which fields were wrong."""

    case: Case
    actors: tuple[Actor, ...]
    misses: tuple[str, ...]  # "subject", "actor", "code", "sector", "role", "name"
    via: str  # how the subject token was found: "nsubj", "span" or "none"

    @property
    def right(self) -> bool:
        return not self.misses


def load_cases(path: Path) -> list[Case]:
    """Read and check the case file (header, column count, unique ids, phrase in sentence)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise CaseFileError(f"{path}: header must be {' '.join(COLUMNS)}")
    cases: list[Case] = []
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        rid = row[0]
        if len(row) != len(COLUMNS):
            raise CaseFileError(f"{path}:{line} ({rid}): {len(row)} columns, want {len(COLUMNS)}")
        if rid in seen:
            raise CaseFileError(f"{path}:{line} ({rid}): duplicate id; give the case a new id")
        seen.add(rid)
        cell = dict(zip(COLUMNS, row, strict=True))
        if cell["phrase"] not in cell["sentence"]:
            raise CaseFileError(f"{path}:{line} ({rid}): phrase is not printed in the sentence")
        cases.append(
            Case(
                id=rid,
                pattern=cell["pattern"],
                context=cell["context"],
                sentence=cell["sentence"],
                phrase=cell["phrase"],
                country=cell["country"],
                igo=cell["igo"],
                sectors=tuple(s for s in cell["sectors"].split("|") if s),
                role=cell["role"],
                name=cell["name"],
            )
        )
    return cases


def fold(text: str | None) -> str:
    """Lower-cased, typographic apostrophes normalised, spaces folded."""
    return " ".join((text or "").replace("\u2019", "'").lower().split())


def subject_token(
    doc: Doc, start: int, end: int, resolver: ActorResolver
) -> tuple[Token | None, str]:
    """The token heading the phrase at ``[start, end)``: the root's subject when the parse
    makes it one, else the highest noun of the phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, "none"
    root = span.sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECTS and start <= c.idx < end]
    if subjects:

        def overlap(token: Token) -> int:
            phrase = resolver.span(token)
            return min(end, phrase.end_char) - max(start, phrase.start_char)

        best = max(subjects, key=lambda t: (overlap(t), -t.i))
        return best, "nsubj"
    heads = [
        t
        for t in span
        if t.pos_ in HEADS and (t.head == t or t.head.i not in range(span.start, span.end))
    ]
    return (heads[0], "span") if heads else (None, "none")


def run_case(coder: Coder, case: Case) -> Outcome:
    """Parse, register, resolve and compare one case."""
    from wirecoder.actors.reference import ArticleContext, group_members

    resolver = coder.extractor.resolver
    text = f"{case.context} {case.sentence}" if case.context else case.sentence
    sentence_start = len(text) - len(case.sentence)
    start = text.index(case.phrase, sentence_start)
    end = start + len(case.phrase)
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text)
    for sent in doc.sents:  # context first, then the target sentence, in article order
        resolver.register(sent, ctx)
    token, via = subject_token(doc, start, end, resolver)
    if token is None:
        return Outcome(case, (), ("subject",), via)
    actors = tuple(resolver.resolve(token, ctx))
    if not actors and case.group is not None:
        actors = tuple(group_members(resolver.span(token).text, coder.actors, ctx))
    return Outcome(case, actors, compare(case, actors), via)


def compare(case: Case, actors: tuple[Actor, ...]) -> tuple[str, ...]:
    """The fields the actors get wrong (empty when the case is right)."""
    if not actors:
        return ("actor",)
    first = actors[0]
    misses: list[str] = []
    expected_group = case.group
    if expected_group is not None:
        if frozenset(a.code or "" for a in actors) != expected_group:
            misses.append("code")
    elif (first.code or "") != case.code:
        misses.append("code")
    if case.sectors and (first.sectors[:1] != case.sectors[:1]):
        misses.append("sector")
    if case.role and fold(first.role) != fold(case.role):
        misses.append("role")
    if case.name and fold(first.name) != fold(case.name):
        misses.append("name")
    return tuple(misses)


def describe_expected(case: Case) -> str:
    parts = [case.code or "-", case.sectors[0] if case.sectors else "-"]
    if case.role:
        parts.append(f"role={case.role!r}")
    if case.name:
        parts.append(f"name={case.name!r}")
    return " ".join(parts)


def describe_got(actors: tuple[Actor, ...]) -> str:
    if not actors:
        return "nothing"
    shown = []
    for actor in actors[:2]:
        parts = [actor.code or "-", actor.sectors[0] if actor.sectors else "-"]
        parts.append(f"role={actor.role!r}")
        parts.append(f"name={actor.name!r}")
        parts.append(f"text={actor.text!r}")
        shown.append(" ".join(parts))
    more = f" (+{len(actors) - 2} more)" if len(actors) > 2 else ""
    return " & ".join(shown) + more


def code_right(outcome: Outcome) -> bool:
    """The country or IGO (or a group's pair) is right, whatever the other fields."""
    return not {"subject", "actor", "code"} & set(outcome.misses)


def fingerprint(lang: str = "fr") -> str:
    """A short hash of the resolver and lexicon sources, so two runs can be compared."""
    import hashlib
    from importlib import resources

    digest = hashlib.sha1()
    package = resources.files("wirecoder")
    for part in (
        "actors/resolve.py",
        "actors/reference.py",
        "actors/lexicon.py",
        f"lexicons/{lang}/actors.yaml",
        f"lexicons/{lang}/countries.tsv",
        f"lexicons/{lang}/language.yaml",
    ):
        digest.update((package / part).read_bytes())
    return digest.hexdigest()[:10]


def report(outcomes: list[Outcome]) -> None:
    """Print the overall figure, the figure per pattern and one line per failure."""
    total = len(outcomes)
    right = sum(o.right for o in outcomes)
    coded = sum(code_right(o) for o in outcomes)
    print(f"actor phrases: {right}/{total} right ({100 * right / max(total, 1):.1f} %)")
    print(f"code alone (country or IGO): {coded}/{total} ({100 * coded / max(total, 1):.1f} %)")
    print()
    print(f"{'pattern':<12} {'n':>4} {'right':>6} {'%':>6} {'code %':>7}")
    patterns: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        patterns.setdefault(outcome.case.pattern, []).append(outcome)
    for pattern, group in patterns.items():
        n, ok = len(group), sum(o.right for o in group)
        code = sum(code_right(o) for o in group)
        print(f"{pattern:<12} {n:>4} {ok:>6} {100 * ok / n:>6.1f} {100 * code / n:>7.1f}")
    print()
    vias = Counter(o.via for o in outcomes)
    print(
        "subject token: "
        + ", ".join(f"{via} {count}" for via, count in vias.most_common())
        + "  (nsubj = the parse made the phrase the root's subject)"
    )
    fields = Counter(field for o in outcomes for field in o.misses)
    print("wrong fields: " + (", ".join(f"{f} {n}" for f, n in fields.most_common()) or "none"))
    failures = [o for o in outcomes if not o.right]
    if failures:
        print()
        print(f"failures ({len(failures)}):")
    for o in failures:
        print(
            f"{o.case.id}\t{o.case.phrase!r}\texpected {describe_expected(o.case)}"
            f"\tgot {describe_got(o.actors)}\t[{','.join(o.misses)}; via {o.via}]"
        )


def show_parse(coder: Coder, case: Case) -> None:
    """The parse of one case, for debugging a failure."""
    text = f"{case.context} {case.sentence}" if case.context else case.sentence
    for token in coder.parser.parse(text):
        print(
            f"  {token.i:>3} {token.text:<20} {token.pos_:<6} {token.dep_:<12} "
            f"{token.head.i:>3} {token.ent_type_}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lang", default="fr", help="the language of the cases (fr, en)")
    parser.add_argument("--data", type=Path, help="the TSV of cases (default: the language's)")
    parser.add_argument("--pattern", action="append", help="only this pattern (repeatable)")
    parser.add_argument("--id", action="append", help="only this case, with its parse (repeatable)")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.data or DATA / f"actor_phrases_{args.lang}.tsv")
    except (OSError, CaseFileError) as exc:
        print(f"actor_phrases: {exc}", file=sys.stderr)
        return 0
    if args.pattern:
        cases = [c for c in cases if c.pattern in args.pattern]
    if args.id:
        cases = [c for c in cases if c.id in args.id]

    from wirecoder.nlp import ModelNotInstalledError
    from wirecoder.pipeline import Coder

    try:
        coder = Coder(lang=args.lang)
    except ModelNotInstalledError as exc:
        print(f"actor_phrases: {exc}", file=sys.stderr)
        return 0
    outcomes = [run_case(coder, case) for case in cases]
    print(f"resolver + lexicon sources: {fingerprint(args.lang)}")
    if args.id:
        for case in cases:
            print(f"{case.id}: {case.context} | {case.sentence}")
            show_parse(coder, case)
    report(outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
