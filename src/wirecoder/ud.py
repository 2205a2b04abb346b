"""Universal Dependencies from the ClearNLP labels of spaCy's English pipelines.

The coder reads Universal Dependencies (the French models' scheme): a verb's object is
``obj``, a prepositional complement is a noun attached to the verb as ``obl`` (or to a noun
as ``nmod``) with the preposition below it as ``case``, the passive agent is ``obl:agent``.
spaCy's English models use ClearNLP labels, where the preposition sits between the verb and
its noun (``prep`` → ``pobj``). :func:`to_universal` rewrites such a parse in place, once,
right after parsing, so that every later stage reads one scheme whatever the language:

- ``prep``/``agent`` (or a ``dative`` preposition: "handed over *to* X") + ``pobj``: the noun
  takes the preposition's place (``obl``, ``nmod``, ``obl:agent``), the preposition becomes its
  ``case``; with a clause (``pcomp``: "accused X
  *of supplying*"), the clause becomes ``advcl`` and the preposition its ``mark``;
- ``dobj`` → ``obj``, ``nsubjpass`` → ``nsubj:pass``, ``auxpass`` → ``aux:pass``, ``dative``
  → ``iobj``, ``relcl`` → ``acl:relcl``, ``prt`` → ``compound:prt``, ``neg`` → ``advmod``,
  ``poss`` → ``nmod`` (its ``'s`` stays its ``case``), ClearNLP's own ``nmod`` (a caseless
  noun modifier: "European *Community* ministers") → ``compound``, infinitival ``to`` →
  ``mark``;
- entity labels: ``PERSON`` → ``PER`` (the French models' label for people).

Sentence boundaries do not move: every rewrite stays inside one tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_RENAMED = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "dative": "iobj",
    "relcl": "acl:relcl",
    "prt": "compound:prt",
    "neg": "advmod",
    "poss": "nmod",
    "nmod": "compound",  # ClearNLP: a caseless noun modifier ("European Community ministers")
    "npadvmod": "obl:npmod",
    "acomp": "xcomp",
    "oprd": "xcomp",
    "quantmod": "advmod",
}
_PREPOSITIONS = {"prep", "agent"}
_VERBAL = {"VERB", "AUX", "ADJ"}
_ENTITY_LABELS = {"PERSON": "PER"}


def is_clear_scheme(labels: object) -> bool:
    """Whether a parser's labels are ClearNLP's (``dobj``, ``pobj``) rather than UD's."""
    return isinstance(labels, tuple | list | set | frozenset) and {"dobj", "pobj"} <= set(labels)


def to_universal(doc: Doc) -> Doc:
    """Rewrite a ClearNLP-labelled parse as Universal Dependencies, in place."""
    from spacy.attrs import DEP, HEAD

    if not doc.has_annotation("DEP"):
        return doc
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    for token in doc:
        dep = token.dep_
        if dep in _PREPOSITIONS or (dep == "dative" and token.pos_ == "ADP"):
            _lower_preposition(token.i, heads, deps, doc)
        elif dep == "aux" and token.tag_ == "TO":
            deps[token.i] = "mark"
        elif dep in _RENAMED and deps[token.i] == dep:
            deps[token.i] = _RENAMED[dep]
    strings = doc.vocab.strings
    array = numpy.zeros((len(doc), 2), dtype="uint64")
    offsets = numpy.array([h - i for i, h in enumerate(heads)], dtype="int64")
    array[:, 0] = offsets.view("uint64")
    array[:, 1] = [strings.add(dep) for dep in deps]
    ents = list(doc.ents)
    doc.from_array([HEAD, DEP], array)  # type: ignore[arg-type]
    if any(e.label_ in _ENTITY_LABELS for e in ents):
        doc.ents = [_relabelled(e) for e in ents]
    return doc


def _lower_preposition(prep: int, heads: list[int], deps: list[str], doc: Doc) -> None:
    """``verb → prep → pobj`` becomes ``verb → noun (obl) → prep (case)``."""
    token = doc[prep]
    objects = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
    if not objects or token.head.i == prep:
        deps[prep] = "obl" if token.dep_ == "agent" else "compound:prt"
        return
    head = token.head
    first = objects[0]
    heads[first.i] = head.i
    heads[prep] = first.i
    if first.dep_ == "pcomp" and first.pos_ in {"VERB", "AUX"}:
        deps[first.i], deps[prep] = "advcl", "mark"
    elif token.dep_ == "agent":
        deps[first.i], deps[prep] = "obl:agent", "case"
    else:
        deps[first.i] = "obl" if head.pos_ in _VERBAL else "nmod"
        deps[prep] = "case"
    for other in objects[1:]:  # a second object of one preposition: coordinate it
        heads[other.i], deps[other.i] = first.i, "conj"


def _relabelled(span: Span) -> Span:
    from spacy.tokens import Span

    label = _ENTITY_LABELS.get(span.label_, span.label_)
    return Span(span.doc, span.start, span.end, label=label)
