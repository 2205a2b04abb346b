"""Finding sides the plain subject/object reading misses (Universal Dependencies, any language).

- a reflexive verb the parser reads as a passive (``se sont rassemblés``: ``nsubj:pass`` and
  ``expl:pass``, no passive auxiliary) keeps its ``nsubj:pass`` as the subject;
- a relative pronoun stands for the noun its clause hangs on (``la Commission, qui regrette``);
- a quantity stands for what it counts (``plusieurs centaines de policiers``,
  ``trois de ses députés``);
- the subject of a support verb does the act its object names (``a mené une attaque``,
  ``a procédé à des arrestations``, ``a fait usage de gaz``; ``une attaque menée par X``);
- a thing that is no side points at the side behind it (``la décision de Douchanbé``,
  ``le calendrier proposé par les Européens``).

The words involved (quantities, support verbs) are lexical classes of the trigger lexicon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirecoder.events import arguments as args
from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Token

_COMPLEMENTS = {"nmod", "obl", "obl:arg"}


def is_pronominal(verb: Token) -> bool:
    """A verb parsed as a passive that is none: a passive subject and no passive auxiliary,
    with a reflexive (``se sont rassemblés``) or an active participle (``a réagi``)."""
    deps = {c.dep_ for c in verb.children}
    if "nsubj:pass" not in deps or "aux:pass" in deps:
        return False
    reflexive = bool(deps & {"expl:pass", "expl:comp", "expl"})
    return reflexive or "Pass" not in args.morph(verb, "Voice")


def subject_of(verb: Token) -> Token | None:
    """The subject, with pronominal verbs and relative pronouns read right."""
    if is_pronominal(verb):
        found = next((c for c in verb.children if c.dep_ == "nsubj:pass"), None)
    else:
        found = args.subject(verb) or stray_subject(verb)
    return antecedent(found) if found is not None else None


def stray_subject(verb: Token) -> Token | None:
    """A sentence-initial name the parse cut off as a root of its own (``Madrid`` in
    ``Madrid a convoqué l'ambassadeur``): the subject of the root verb right after it."""
    if verb.dep_ != "ROOT" or args.is_passive(verb):
        return None
    first = verb.sent[0]
    if first.i < verb.i and first.head == first and first.pos_ in {"PROPN", "NOUN"}:
        between = verb.doc[first.i + 1 : verb.i]
        if all(t.head.i == first.i or t.dep_.startswith("aux") for t in between):
            return first
    return None


def objects_of(verb: Token) -> list[Token]:
    """The objects; a pronominal verb has only its own ``obj`` (its subject is no object)."""
    if is_pronominal(verb):
        return [c for c in verb.children if c.dep_ == "obj"]
    return args.objects(verb)


def antecedent(token: Token) -> Token:
    """A relative pronoun (``qui``) → the noun its relative clause modifies."""
    clause = token.head
    if "Rel" in args.morph(token, "PronType") and clause.dep_ == "acl:relcl":
        return clause.head
    return token


def counted(token: Token, quantities: Collection[str]) -> Token:
    """``centaines`` in ``plusieurs centaines de policiers`` → ``policiers``."""
    for _ in range(3):
        number = token.pos_ == "NUM" or "Card" in args.morph(token, "NumType")
        if token.lemma_.lower() not in quantities and not number:
            break
        inner = args.of_complements(token)
        if not inner:
            break
        token = inner[0]
    return token


def between_on_verb(noun: Token, preposition: str) -> list[Token]:
    """The sides of a joint act a noun names, hung on the verb that tells it happened: ``des
    combats ont éclaté entre X et Y``, ``les négociations qui se déroulent entre X et Y``."""
    verbs = [c for c in noun.children if c.dep_ == "acl:relcl"]
    number = args.morph(noun, "Number")
    for inner in (c for c in noun.children if c.dep_ == "nmod"):
        # "les négociations sur le programme qui se déroulent entre X et Y": the clause the
        # parse hangs on the complement agrees with the act's noun, not with it
        verbs.extend(
            c
            for c in inner.children
            if c.dep_ == "acl:relcl"
            and args.morph(c, "Number") == number
            and args.morph(inner, "Number") != number
        )
    if noun.dep_ in {"nsubj", "nsubj:pass"} and noun.head != noun:
        verbs.append(noun.head)
    return [t for verb in verbs for t in args.with_preposition(verb, preposition)]


def identified(token: Token) -> list[Token]:
    """People named only generically (``quatre personnes ont été arrêtées``) whom a clause
    after them, in the same or the next sentence, says who they are (``il s'agit de deux
    Polonais et de deux Russes``): that clause's ``de`` complement (its conjuncts resolve
    with it)."""
    grammar = grammar_of(token)
    if token.pos_ != "NOUN" or not grammar.identity:
        return []
    doc = token.doc
    spans = [token.sent]
    if token.sent.end < len(doc):
        spans.append(doc[token.sent.end].sent)
    forms = grammar.forms("de")
    for span in spans:
        for verb in span:
            if verb.i <= token.i or verb.lemma_.lower() not in grammar.identity:
                continue
            if not any(c.dep_.startswith("expl") for c in verb.children):
                continue  # "il s'agit de", not "le gouvernement agit"
            return [
                c for c in verb.children if c.dep_.startswith("obl") and args.case_of(c) in forms
            ]
    return []


def qualifies_noun(verb: Token) -> bool:
    """A participle that qualifies a noun (``les personnes interpellées``): it names the people
    an act was done to, it does not tell the act."""
    participle = "Part" in args.morph(verb, "VerbForm")
    return verb.dep_ == "acl" and participle and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}


def support_subject(noun: Token, support: Collection[str]) -> Token | None:
    """Who does the act a noun names when it is the object of a support verb."""
    for child in noun.children:  # "une attaque menée par X"
        if child.dep_ == "acl" and child.lemma_.lower() in support:
            agents = args.agents(child)
            if agents:
                return antecedent(agents[0])
    token = noun
    if noun.dep_ == "nmod" and noun.head.lemma_.lower() in support:  # faire usage de X
        token = noun.head
    verb = token.head
    if token == verb or token.dep_ not in {"obj", "obl:arg", "obl", "obl:mod"}:
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in support:
        return None
    if token.dep_ != "obj" and args.case_of(token) not in grammar_of(token).support_cases:
        return None  # "procéder à une arrestation", "engaged in", not "lors d'une opération"
    return subject_of(verb)


def behind(token: Token) -> list[Token]:
    """The sides behind a thing: its ``de``/``of`` complement, its own agent (``crimes by
    X``), or the agent of a participle (``crimes committed by X``)."""
    found = [*args.of_complements(token), *args.agents(token)]
    for child in token.children:
        if child.dep_ == "acl":
            found.extend(args.agents(child))
    return [t for t in found if t.pos_ in {"NOUN", "PROPN", "PRON"}]


def is_joint(noun: Token, joint: Collection[str]) -> bool:
    """``des exercices conjoints``, ``des patrouilles mixtes``, ``manœuvres entre X et Y``."""
    if any(c.dep_ == "amod" and c.lemma_.lower() in joint for c in noun.children):
        return True
    between = grammar_of(noun).between
    return any(c.dep_ in _COMPLEMENTS and args.case_of(c) in between for c in noun.children)


_BARE = frozenset({"ADJ", "NOUN"})


def conjuncts(token: Token) -> list[Token]:
    """Conjuncts the parse hangs below a phrase's head: ``les armées sénégalaise et gambienne``
    (an adjective conjunct), ``la Corée du Sud et les États-Unis`` (under ``Sud``); or beside
    it: a second adjective conjunct read as a noun under the first (``les forces pakistanaises
    et afghanes``), or as a second subject of the verb (``les polices française et espagnole``)."""
    found = [c for c in token.children if c.dep_ == "conj" and c.pos_ == "ADJ"]
    for child in token.children:
        if child.dep_ == "amod" and child.pos_ == "ADJ":  # "forces pakistanaises et afghanes"
            found.extend(c for c in child.children if c.dep_ == "conj" and c.pos_ in _BARE)
    verb = token.head
    if token.dep_ == "nsubj" and verb != token:  # "les polices française et espagnole ont"
        found.extend(
            c
            for c in verb.children
            if c.dep_ == "nsubj"
            and c.pos_ == "ADJ"
            and c.i > token.i
            and any(d.dep_ == "cc" and token.i < d.i < c.i for d in verb.children)
        )
    for child in token.children:
        if child.dep_ in {"nmod", "flat:name"} and child.pos_ == "PROPN" and child.i > token.i:
            found.extend(c for c in child.children if c.dep_ == "conj" and c.pos_ == "PROPN")
    return found


def in_relative_clause(token: Token) -> bool:
    """Whether a trigger is told in a relative clause (``X, qui effectue une visite, …``):
    background to the main clause, whose telling of the same act is preferred."""
    for _ in range(4):
        if token.dep_ == "acl:relcl":
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def stray_objects(verb: Token) -> list[Token]:
    """Where the parse puts a verb's object when it misses it: a bare noun phrase after the
    verb hung as a modifier (``a remercié Tachkent`` as ``advmod``), or under a place
    (``a arrêté à Kampala quatre ressortissants`` with the object as ``nmod`` of the place).
    Read only when the verb has no object of its own."""
    if args.is_passive(verb) or is_pronominal(verb):
        return []
    found: list[Token] = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in {"advmod", "obl:mod", "obl:arg", "obl"}:
            continue
        if child.pos_ in {"NOUN", "PROPN"} and args.case_of(child) is None:
            found.append(child)
        elif child.pos_ in {"NOUN", "PROPN"}:
            found.extend(
                c
                for c in child.children
                if c.dep_ == "nmod" and c.pos_ in {"NOUN", "PROPN"} and args.case_of(c) is None
            )
    return found


def heard(noun: Token) -> bool:
    """Whether a noun is a direct complement of its verb (``a dénoncé les provocations``),
    so that the verb's subject speaks of it; not when it is nested deeper (``a rejeté la
    proposition d'une médiation``: the médiation is no act of the subject's)."""
    head = noun.head
    if head.dep_ == "obl:mod" and head.pos_ == "NOUN":  # "mènent depuis lundi des patrouilles"
        head = head.head  # the parse hangs the object on the date
    return head.pos_ in {"VERB", "AUX"} or noun.head == noun


def below(noun: Token, preposition: str) -> list[Token]:
    """A complement with ``preposition`` anywhere under a noun, when the parse hangs it on a
    word of the noun's own complements (``la visite du ministre ouzbek, X, en Azerbaïdjan``),
    or on the noun it modifies as a compound (``a mediation effort between X and Y``)."""
    forms = args.preposition_forms(preposition, noun)
    inside = [c for c in noun.children if c.dep_ != "conj"]  # not into a coordinated noun
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        inside += [c for c in noun.head.children if c.dep_ in {"nmod", "obl"}]
    return [
        t
        for child in inside
        for t in child.subtree
        if t.dep_ in {"nmod", "obl", "obl:arg"} and args.case_of(t) in forms
    ][:1]
