"""Where the sides of an event stand in the dependency parse (Universal Dependencies).

Verbs: the subject (inherited by a conjunct verb when voice and number agree), the object, and
complements headed by a preposition; the passive swaps the subject and the agent (``par``,
``by``: the language's ``grammar.agent``).
Nouns: their own prepositional complements, a demonym, or the speaker — the subject of the
verb the noun depends on (``X a dénoncé les provocations de Y``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from spacy.tokens import Token

_ARGUMENT_DEPS = {"obl", "obl:arg", "obl:mod", "obl:agent", "iobj", "nmod"}
_SUBJECTS = {"nsubj", "nsubj:pass"}


def morph(token: Token, feature: str) -> list[str]:
    """The values of one morphological feature (``Tense`` → ``["Imp"]``)."""
    return list(token.morph.get(feature, []))


def case_of(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "case" or (child.dep_ == "mark" and child.pos_ == "ADP"):
            return child.lower_
    return None


def is_passive(verb: Token) -> bool:
    """A passive verb: its subject is ``nsubj:pass``, or it has a passive auxiliary and no
    active subject (``sont convenus de``, ``est venu``: French compound tenses with ``être``,
    which the parser marks ``aux:pass`` but whose subject it reads as active)."""
    deps = {c.dep_ for c in verb.children}
    if "nsubj:pass" in deps or ("aux:pass" in deps and "nsubj" not in deps):
        return True
    return _passive_conjunct(verb)


def _passive_conjunct(verb: Token) -> bool:
    """A bare participle coordinated with a passive shares its auxiliary: ``ont été arrêtées
    et placées en détention``."""
    if verb.dep_ != "conj" or verb.head == verb or "Part" not in morph(verb, "VerbForm"):
        return False
    if any(c.dep_.startswith(("aux", "nsubj")) for c in verb.children):
        return False  # "ont été prévenues et ont réussi à…": active, with its own auxiliary
    return verb.head.pos_ == "VERB" and is_passive(verb.head)


def _controlled(verb: Token) -> bool:
    """A passive infinitive complement with no subject of its own (``affirme avoir été
    agressée``, ``refuse d'être arrêté``): its patient is the subject of the verb above."""
    infinitive = "Inf" in morph(verb, "VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in morph(c, "VerbForm") for c in verb.children
    )
    return verb.dep_ == "xcomp" and infinitive and verb.head != verb


def is_reflexive(verb: Token) -> bool:
    return any(
        c.pos_ == "PRON" and ("Yes" in morph(c, "Reflex") or c.lower_ in grammar_of(c).reflexives)
        for c in verb.children
        if c.dep_.startswith(("expl", "obj", "iobj", "mark"))  # "s'en est pris": "s'" a mark
    )


def with_preposition(head: Token, preposition: str) -> list[Token]:
    """The complements of ``head`` introduced by ``preposition`` (``au`` counts as ``à``)."""
    forms = grammar_of(head).forms(preposition)
    children = [*head.children]
    for particle in [c for c in children if c.dep_ == "compound:prt" and c.pos_ != "VERB"]:
        children.extend(particle.children)  # "pulled out of Iraq"; not "according to X"
    found = [c for c in children if c.dep_ in _ARGUMENT_DEPS and case_of(c) in forms]
    if preposition in grammar_of(head).dative:  # "gave Kenya a loan": Kenya is "to Kenya"
        found += [c for c in children if c.dep_ == "iobj" and case_of(c) is None]
    if not found:  # "donated and delivered goods to X": the complement both verbs share
        found = [t for v in _sharing(head) for t in with_preposition(v, preposition)]
    return found


def _sharing(verb: Token) -> list[Token]:
    """The verbs coordinated after ``verb`` with no subject of their own, whose complements
    ``verb`` shares when it has none (``condemned and rejected the resolution``)."""
    if verb.pos_ != "VERB":
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and not any(s.dep_ in _SUBJECTS for s in c.children)
    ]


def agents(verb: Token) -> list[Token]:
    """The agent complements of a passive or a participle (``par X``, ``by X``)."""
    agent = grammar_of(verb).agent
    return [c for c in verb.children if c.dep_ in _ARGUMENT_DEPS and case_of(c) in agent]


def of_complements(head: Token) -> list[Token]:
    """The possessor complements of a noun (``de X``, ``of X``, ``X's``)."""
    possessor = grammar_of(head).possessor
    return [c for c in head.children if c.dep_ in _ARGUMENT_DEPS and case_of(c) in possessor]


def complements(head: Token) -> list[Token]:
    """Every complement of ``head`` introduced by a preposition."""
    return [c for c in head.children if c.dep_ in _ARGUMENT_DEPS and case_of(c) is not None]


def objects(verb: Token) -> list[Token]:
    if is_passive(verb):
        own = [c for c in verb.children if c.dep_ == "nsubj:pass"]
        if not own and _controlled(verb):  # "X affirme avoir été agressée": X was attacked
            controller = [c for c in verb.head.children if c.dep_ in _SUBJECTS]
            return controller[:1]
        return own if own or not _passive_conjunct(verb) else objects(verb.head)
    own = [t for c in verb.children if c.dep_ == "obj" for t in _past_a_day(c)]
    if not own:  # "respectent depuis mercredi un cessez-le-feu": the object hangs on the day
        own = [t for c in verb.children if c.dep_ == "obl:mod" for t in _after_a_day(c)]
    split = split_auxiliary(verb) if not own else None
    if split is not None:  # "ont de leur côté rejeté le plan": the plan hangs on "ont"
        own = [c for c in split.children if c.dep_ == "obj" and c.i > verb.i]
    return own or [c for v in _sharing(verb) for c in v.children if c.dep_ == "obj"]


def _past_a_day(obj: Token) -> list[Token]:
    """An object, or for a day the parse took for one (``a exclu lundi trois de ses
    députés``) the phrase with no preposition that hangs below it or right after it on the
    verb; nothing if there is none."""
    if obj.lower_ not in grammar_of(obj).time_nouns:
        return [obj]
    below = [c for c in obj.children if c.dep_ in {"nummod", "nmod", "appos"}]
    after = [c for c in obj.head.children if c.i == obj.i + 1 and c.dep_.startswith("obl")]
    return [
        c for c in [*below, *after] if c.pos_ in {"NOUN", "PROPN", "NUM"} and case_of(c) is None
    ]


def _after_a_day(day: Token) -> list[Token]:
    """The phrase with no preposition the parse hung on a time complement (``respectent
    depuis mercredi un cessez-le-feu``): the verb's object; nothing for any other
    complement."""
    if day.lower_ not in grammar_of(day).time_nouns:
        return []
    return [
        c
        for c in day.children
        if c.dep_ == "nmod" and c.i > day.i and c.pos_ in {"NOUN", "PROPN"} and case_of(c) is None
    ][:1]


def split_auxiliary(verb: Token) -> Token | None:
    """The auxiliary of a compound tense the parse split around an inserted phrase, when it
    hangs the subject (or the object) there and not on the participle: ``X a de son côté
    dénoncé`` (``a`` a child of the participle, with X as its subject), ``X a quant à lui
    critiqué``, ``X ont de leur côté rejeté Y`` (the participle read as a modifier of
    ``côté``, itself an object of ``ont``)."""
    for aux in verb.children:
        subjects = [c for c in aux.children if c.dep_ in _SUBJECTS]
        if aux.dep_.startswith("aux") and aux.i < verb.i and subjects:
            return aux
    inserted = verb.head
    host = inserted.head
    if (
        verb.dep_ == "acl"
        and "Part" in morph(verb, "VerbForm")
        and inserted.i < verb.i
        and case_of(inserted) is not None
        and host.i < inserted.i
        and (host.pos_ == "AUX" or host.dep_.startswith("aux"))
        and "Fin" in morph(host, "VerbForm")
    ):
        return host
    return None


def subject(verb: Token) -> Token | None:
    """The verb's subject; a conjunct or participle borrows the subject of the verb above."""
    if is_passive(verb):
        found = agents(verb)
        return found[0] if found else None
    split = split_auxiliary(verb)
    if split is not None:  # "a de son côté dénoncé": the subject hangs on the auxiliary
        found = [c for c in split.children if c.dep_ in _SUBJECTS]
        if found:
            return found[0]
    # not a euphonic consonant the parse takes for a subject ("a-t-il": "-t", then "-il")
    own = [c for c in verb.children if c.dep_ in _SUBJECTS and len(c.text.strip("-")) > 1]
    if own:
        return own[0]
    if verb.dep_ == "ccomp":  # a reported clause of its own never borrows the speaker
        return None
    trigger, head = verb, verb.head
    seen = 0
    while head != verb and seen < 4 and verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"}:
        seen += 1
        candidate = [c for c in head.children if c.dep_ in _SUBJECTS]
        # "X ont été prévenues et ont réussi à évacuer": a passive's subject is also the
        # subject of an active verb coordinated with it
        shared = not is_passive(head) or (verb.dep_ == "conj" and not is_passive(verb))
        if candidate and shared and _agrees(trigger, candidate[0]):
            return candidate[0]
        if head.head == head:
            return None
        verb, head = head, head.head
    return None


def _number(token: Token) -> str | None:
    values = morph(token, "Number")
    return values[0] if values else None


def _agrees(verb: Token, subj: Token) -> bool:
    """Does a finite auxiliary (or the verb) of ``verb`` agree in number with ``subj``?"""
    finite = [c for c in verb.children if c.dep_.startswith("aux") and morph(c, "VerbForm")]
    finite = [c for c in finite if "Fin" in morph(c, "VerbForm")] or (
        [verb] if "Fin" in morph(verb, "VerbForm") else []
    )
    if not finite:
        return True
    plural_subject = any(c.dep_ == "conj" for c in subj.children) or _number(subj) == "Plur"
    wanted = _number(finite[0])
    return wanted is None or (wanted == "Plur") == plural_subject


def clause_subjects(verb: Token) -> list[Token]:
    """The subject of the clause a verb or a noun governs: ``demanded that X withdraw``,
    ``its demand that X withdraw`` → X."""
    found: list[Token] = []
    for clause in that_clauses(verb):
        found.extend(c for c in clause.children if c.dep_ in _SUBJECTS)
    return found[:1]


def that_clauses(head: Token) -> list[Token]:
    """The content clauses of a verb (``said that …``) or a noun (``the demand that …``, a
    clause with a subordinator: not a relative clause)."""
    return [
        c
        for c in head.children
        if c.dep_ == "ccomp" or (c.dep_ == "acl" and any(m.dep_ == "mark" for m in c.children))
    ]


_CONTENT_CLAUSES = {"xcomp", "ccomp"}


def content_arguments(verb: Token) -> list[Token]:
    """The subject (of a finite content clause), objects and prepositional complements of the
    clause a verb governs, and the complements of those objects (``to provide aid to
    Romania`` → aid, Romania; ``demanded that the United States cancel`` → United States)."""
    found: list[Token] = []
    for clause in verb.children:
        if clause.dep_ not in _CONTENT_CLAUSES or clause.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [c for c in clause.children if c.dep_ in _SUBJECTS and clause.dep_ == "ccomp"]
        for token in [*subjects, *objects(clause), *complements(clause)]:
            found.append(token)
            found.extend(complements(token))
    return found


_NOT_BELOW = {"conj", "parataxis", "punct", "cc", "nsubj", "nsubj:pass", "csubj"}


def nouns_below(head: Token, depth: int = 4) -> list[Token]:
    """The nouns of a trigger's own clause, nearest first (breadth-first, a few levels), not
    its subject's, nor those of a coordinated or parenthetical clause."""
    found: list[Token] = []
    level = [c for c in head.children if c.dep_ not in _NOT_BELOW]
    for _ in range(depth):
        found.extend(t for t in level if t.pos_ in {"NOUN", "PROPN"})
        level = [c for t in level for c in t.children if c.dep_ not in {"conj", "punct", "cc"}]
    return found


def places(verb: Token) -> list[Token]:
    """Complements of ``verb`` introduced by a locative preposition (``in``, ``à``, ``en``)."""
    where = grammar_of(verb).locative
    return [c for c in verb.children if c.dep_ in _ARGUMENT_DEPS and case_of(c) in where]


def governing_verb(noun: Token) -> Token | None:
    """The nearest verb above a noun (``a dénoncé`` for ``les provocations de X``)."""
    token = noun
    for _ in range(6):
        if token.head == token:
            return token if token.pos_ in {"VERB", "AUX"} else None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def speaker(noun: Token) -> Token | None:
    verb = governing_verb(noun)
    return subject(verb) if verb is not None else None


def in_subtree(head: Token, preposition: str, depth: int = 3) -> list[Token]:
    """Complements introduced by ``preposition`` anywhere below ``head`` (a few levels)."""
    found = with_preposition(head, preposition)
    if found or depth == 0:
        return found
    for child in head.children:
        if child.dep_ in {"nmod", "conj", "obl", "obl:arg", "amod"}:
            found.extend(in_subtree(child, preposition, depth - 1))
    return found


def preposition_forms(preposition: str, token: Token) -> frozenset[str]:
    """The forms of a preposition in ``token``'s language (``à`` → ``à``, ``au``, ``aux``)."""
    return grammar_of(token).forms(preposition)
