"""Reactions: the side a verbal reaction with no named recipient answers.

``Pyongyang a procédé à un tir. Séoul a dénoncé une provocation``: an accusation, a threat, a
refusal or a concession that names no one answers the last side that acted, a sentence or two
before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirecoder.events import sides

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirecoder.actors.reference import ArticleContext
    from wirecoder.actors.resolve import ActorResolver
    from wirecoder.records import Actor

__all__ = ["REACTIONS", "reacted_to", "speaks"]

# verbal reactions: with no side named, they answer the last side that acted before them;
# a concession too ("Nairobi a exprimé ses regrets": to the side that protested just before)
REACTIONS = frozenset({"ACCUSE", "THREATEN", "REJECT", "CONCEDE"})
_REACH = 2  # sentences back


def reacted_to(
    resolver: ActorResolver,
    speech: frozenset[str],
    actor: Actor,
    head: Token,
    ctx: ArticleContext,
) -> Actor | None:
    """The doer of a sentence just before ``head``'s that a reaction by ``actor`` with no named
    recipient answers: the subject, with a code, of its last verb that is no verb of saying
    (``speech``), and not ``actor`` itself."""
    sents = list(head.doc.sents)
    here = next(n for n, s in enumerate(sents) if s.start <= head.i < s.end)
    for sentence in reversed(sents[max(here - _REACH, 0) : here]):
        verbs = [t for t in sentence if t.pos_ == "VERB" and not speaks(t, speech)]
        for verb in reversed(verbs):
            doer = sides.subject_of(verb)
            for earlier in resolver.resolve(doer, ctx) if doer is not None else []:
                if earlier.code and (
                    earlier.code != actor.code or earlier.sectors != actor.sectors
                ):
                    return earlier
    return None


def speaks(verb: Token, speech: frozenset[str]) -> bool:
    """A verb of saying, or the verb that makes one (``a fait savoir``: ``faire`` + ``savoir``,
    however the parse links the two)."""
    if verb.lemma_.lower() in speech:
        return True
    linked = [c for c in verb.children if c.dep_ in {"xcomp", "dep"}]
    if verb.dep_ in {"xcomp", "dep"}:
        linked.append(verb.head)
    return any(t.pos_ == "VERB" and t.lemma_.lower() in speech for t in linked)
