"""Who says what: the speaker of a verdict, a quotation or an order, and the source of a claim
(Universal Dependencies, any language).

- a word of blame or praise is the verdict of the verb of saying it depends on, or of the
  speaker of the quotation it stands in (``« C'est une ingérence », a déclaré X``);
- an order in the imperative is its speaker's demand (``« Libérez les otages ! », a lancé X``);
- a name in quotes a verb of naming gives a side is its speaker's epithet for it (``a décrit X
  comme « petite-bourgeoise »``, ``l'avait appelé la « châtelaine »``);
- an act told in the conditional is only claimed, by the speaker or the ``selon X`` source.

The words involved (verbs of saying, linking verbs, condition words) are lexical classes of the
trigger lexicon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirecoder.events import arguments as args
from wirecoder.events.sides import subject_of
from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Span, Token


def judgement(
    word: Token,
    saying: Collection[str],
    copular: Collection[str] = (),
    deeming: Collection[str] = (),
    opinion: Collection[str] = (),
) -> tuple[Token, Token] | None:
    """(the verb of saying, its speaker) for a word said of something as a predicate: ``X a
    estimé que c'était inacceptable``, ``« … sont inadmissibles », juge X``, ``s'est dit
    choqué``, ``a estimé que ces frappes constituaient une violation`` (the object of one of
    the ``copular`` verbs), ``a jugé la décision de X inacceptable`` (said of the object of
    one of the ``deeming`` verbs), ``Pour X, c'est inacceptable`` (a clause opening on one of
    the ``opinion`` prepositions). None when the word is no predicate or no one says it."""
    verb = deemed(word, deeming)
    if verb is not None:
        speaker = subject_of(verb)
        return (verb, speaker) if speaker is not None else None
    copulas = [c for c in word.children if c.dep_ == "cop"]
    if is_linked(word, copular):
        copulas = [word.head, *(c for c in word.head.children if c.dep_.startswith("aux"))]
    if not copulas and word.dep_ != "xcomp":
        return None
    if any("Cnd" in args.morph(c, "Mood") or "Fut" in args.morph(c, "Tense") for c in copulas):
        return None  # "toute escalade serait inacceptable": a warning, not a verdict
    for verb in word.ancestors:  # "a estimé que … inacceptable", "a fait savoir que …"
        if verb.pos_ == "VERB" and _says(verb, saying):
            speaker = subject_of(verb) or _made_speaker(verb)
            if speaker is not None and speaker.left_edge.i <= word.i <= speaker.right_edge.i:
                speaker = _inverted_speaker(verb)  # "« c'est une ingérence », a déclaré X"
            return (verb, speaker) if speaker is not None else None
        if verb.dep_ not in {"ccomp", "xcomp", "parataxis", "conj"} and verb != word.head:
            break
    for verb in word.children:  # "« … inadmissibles », juge le ministère"
        if verb.dep_ in {"parataxis", "dep", "conj"} and verb.lemma_.lower() in saying:
            if verb.pos_ == "VERB":
                speaker = subject_of(verb)
            else:  # the parse reads "juge" as a noun: its complement is the speaker
                speaker = next((c for c in verb.children if c.dep_ in {"nmod", "nsubj"}), None)
            return (verb, speaker) if speaker is not None else None
    speaker = quoted_speaker(word, saying)
    if speaker is None and opinion:  # "Pour Nairobi, la décision … est inacceptable"
        speaker = holder_of_opinion(word.head if is_linked(word, copular) else word, opinion)
    return (word, speaker) if speaker is not None else None


def _says(verb: Token, saying: Collection[str]) -> bool:
    """A verb of saying, or one that makes one with its infinitive (``a fait savoir``)."""
    return verb.lemma_.lower() in saying or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in saying and c.i < verb.i + 3 for c in verb.children
    )


def _made_speaker(verb: Token) -> Token | None:
    """The subject of the verb that makes ``verb`` one of saying, however the parse links the
    two (``X a fait savoir``: ``fait`` hung below ``savoir``)."""
    linked = [c for c in verb.children if c.dep_ in {"xcomp", "dep"} and c.pos_ == "VERB"]
    return next((s for v in linked if (s := subject_of(v)) is not None), None)


def holder_of_opinion(clause: Token, opinion: Collection[str]) -> Token | None:
    """Whose view a clause gives when it opens on one of ``opinion`` (``Pour le ministre,
    c'est inacceptable``, ``Selon Nairobi, …``): that complement, if it names someone."""
    for child in clause.children:
        if child.i > clause.i or not child.dep_.startswith("obl"):
            continue
        if child.pos_ in {"NOUN", "PROPN"} and args.case_of(child) in opinion:
            return child
    return None


_QUOTES = frozenset({'"', "«", "»", "“", "”"})


def quoted_speaker(word: Token, saying: Collection[str]) -> Token | None:
    """The speaker of a quotation whose verb of saying the parse cut off into another
    sentence of the paragraph, when ``word``'s own sentence has none: the quotation runs on
    from an earlier sentence (``X a déclaré : « … maintenant. C'est un crime de guerre. »``:
    the subject of the verb before it opened), or the attribution follows as a sentence of its
    own (``« … est scandaleuse ! »`` / ``, a-t-il affirmé``: that verb's subject)."""
    sentence = word.sent
    doc = word.doc
    opened = None
    quotes = 0
    for token in reversed(doc[: word.i]):
        if "\n" in token.text:
            break  # a paragraph's quotation does not run on into the next
        if token.text in _QUOTES:
            quotes += 1
            opened = opened or token  # the last one before the word opened its quotation
    if quotes % 2 == 0 or opened is None:
        return None
    outside = _unquoted(sentence)
    attributions = [t for t in outside if t.pos_ == "VERB" and t.lemma_.lower() in saying]
    if attributions:  # "« … une volonté … qui est scandaleuse ! », a-t-il affirmé"
        verb = attributions[0]
        speaker = subject_of(verb)
        if speaker is None or not outside.issuperset(speaker.subtree):
            speaker = _inverted_speaker(verb)
        return speaker
    if any(t.pos_ == "VERB" and t.lemma_.lower() in saying for t in sentence):
        return None
    if opened.i < sentence.start:
        for verb in reversed(doc[opened.sent.start : opened.i]):
            if verb.pos_ == "VERB" and verb.lemma_.lower() in saying:
                return subject_of(verb)
        return None
    after = doc[sentence.end : sentence.end + 5]
    if sentence.end < len(doc) and "\n" not in after.text:
        for verb in after:
            if verb.pos_ == "VERB" and verb.lemma_.lower() in saying:
                return subject_of(verb)
            if verb.is_alpha and verb.pos_ not in {"AUX", "PRON"}:
                break  # the next sentence opens with words of its own: no attribution
    return None


# where the parse hangs the quoted name and the side named: objects, attributes, adjuncts
_NAMING_DEPS = frozenset({"obj", "iobj", "xcomp", "advcl", "obl", "obl:arg", "obl:mod", "ccomp"})
_NAMED_DEPS = frozenset({"obj", "iobj", "xcomp", "obl:arg", "obl:mod", "conj", "appos"})
_NAMED_POS = frozenset({"PROPN", "PRON", "NOUN"})


def epithet(
    verb: Token, praise: Collection[str], cases: Collection[str]
) -> tuple[Token, Token] | None:
    """(the quoted name, the side named) of a verb of naming: ``décrit sa fille, Anne, comme
    « petite-bourgeoise »``, ``avait appelé X « la reine du château »``, ``l'avait appelé la
    « châtelaine »``. The name opens with a quotation mark (before it or its article) and
    takes no preposition but one of ``cases`` (``de``, ``comme``: ``a appelé X « à la
    retenue »`` is a call); a word of ``praise`` in it makes it no epithet. The side named is
    the first name or pronoun among the verb's other complements, else its first noun."""
    complements = [c for c in verb.children if c.dep_ in _NAMING_DEPS]
    for child in list(complements):  # "a appelé le ministre « le prince »" read as a conjunct
        complements.extend(c for c in child.children if c.dep_ in {"conj", "appos"})
    names = [c for c in complements if _quoted_name(c, cases)]
    if not names:
        return None
    name = names[0]
    inside = {t.i for t in name.subtree}
    if any(t.lemma_.lower() in praise for t in name.subtree):
        return None
    named = [
        c
        for c in complements
        if c.i not in inside
        and c.dep_ in _NAMED_DEPS
        and c.pos_ in _NAMED_POS
        and (c.i > verb.i or c.pos_ == "PRON")  # an object, or a clitic ("l'a appelé")
        and not args.case_of(c)
    ]
    named.sort(key=lambda c: (c.pos_ == "NOUN", c.i))
    return (name, named[0]) if named else None


def _quoted_name(token: Token, cases: Collection[str]) -> bool:
    """A noun or adjective whose phrase opens with a quotation mark, with no preposition but
    one of ``cases``."""
    if token.pos_ not in {"NOUN", "ADJ", "PROPN"}:
        return False
    case = args.case_of(token)
    if case and case not in cases:
        return False
    doc = token.doc
    start = token.left_edge.i
    opening = [t for t in doc[max(start - 1, 0) : token.i] if t.text in _QUOTES]
    return bool(opening)


def is_imperative(verb: Token) -> bool:
    """An order: a verb in the imperative, or a form with one of the language's imperative
    endings (the tagger may read ``arrêtez`` as a participle, ``libérez`` as an infinitive)
    and no subject or auxiliary."""
    if verb.pos_ != "VERB":
        return False
    if "Imp" in args.morph(verb, "Mood"):
        return True
    endings = grammar_of(verb).imperative_endings
    return any(verb.lower_.endswith(e) for e in endings) and not any(
        c.dep_.startswith(("nsubj", "aux", "expl")) for c in verb.children
    )


def orderer(verb: Token, saying: Collection[str]) -> Token | None:
    """Who says an order given in the imperative: the subject of the verb of saying the order
    hangs on (``X a déclaré : « … arrêtez … »``), of one hung on the order (``« Partez ! »,
    a lancé X``), or the speaker of the quotation it stands in (:func:`quoted_speaker`)."""
    for above in verb.ancestors:
        if above.pos_ == "VERB" and above.lemma_.lower() in saying:
            speaker = subject_of(above)
            if speaker is None or speaker.left_edge.i <= verb.i <= speaker.right_edge.i:
                speaker = _inverted_speaker(above)
            return speaker
    for child in verb.children:
        if child.dep_ in {"parataxis", "dep", "conj"} and child.lemma_.lower() in saying:
            return subject_of(child) or _inverted_speaker(child)
    return quoted_speaker(verb, saying)


def is_linked(word: Token, copular: Collection[str]) -> bool:
    """Whether ``word`` is the object of a verb that predicates it of its subject
    (``constituer``, ``représenter``: ``ces frappes constituent une violation``), or the
    complement of one that identifies what is talked of (``agir``: ``il s'agit d'une
    provocation``, ``il pourrait s'agir de crimes``)."""
    return word.dep_ in {"obj", "obl:arg"} and word.head.lemma_.lower() in copular


def deemed(word: Token, deeming: Collection[str]) -> Token | None:
    """The verb that predicates ``word`` of its object (``a jugé la décision de X
    inacceptable``, ``trouve les propos du président choquants``: the parse hangs the attribute
    on the object or on the last noun of its phrase, which it closes), when that verb is one
    of ``deeming`` and not in the conditional (``jugerait inacceptable`` warns)."""
    obj = _deemed_object(word)
    if obj is None:
        return None
    verb = obj.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in deeming:
        return None
    finite = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    return None if any("Cnd" in args.morph(v, "Mood") for v in finite) else verb


def _deemed_object(word: Token) -> Token | None:
    """The object whose phrase an adjective ``word`` closes, if it qualifies a noun in it."""
    if word.dep_ != "amod" or word.pos_ != "ADJ" or word.i < word.head.i:
        return None
    obj = next((t for t in [word.head, *word.head.ancestors] if t.dep_ == "obj"), None)
    if obj is None or obj.right_edge.i != word.right_edge.i:
        return None
    between = [t for t in word.head.ancestors if t.i != obj.i and obj.is_ancestor(t)]
    return obj if all(t.dep_ == "nmod" for t in between) else None


def topic_of(
    predicate: Token, copular: Collection[str], deeming: Collection[str] = ()
) -> list[Token]:
    """What a predicate is said of: its subject, the subject of its linking verb, or the object
    it is deemed of."""
    if deemed(predicate, deeming) is not None and (obj := _deemed_object(predicate)):
        return [obj]
    holder = predicate.head if is_linked(predicate, copular) else predicate
    return [c for c in holder.children if c.dep_ == "nsubj"]


def _unquoted(sentence: Span) -> set[Token]:
    """The tokens of a sentence outside its quotations (those the paragraph opened before it
    included)."""
    doc = sentence.doc
    inside = False
    for token in reversed(doc[: sentence.start]):
        if "\n" in token.text:
            break
        inside ^= token.text in _QUOTES
    found: set[Token] = set()
    for token in sentence:
        if token.text in _QUOTES:
            inside = not inside
        elif not inside:
            found.add(token)
    return found


def _inverted_speaker(verb: Token) -> Token | None:
    """The speaker after a verb of saying whose parse took the quotation for its subject
    (``« … », a déclaré X`` with X as an object): the first name or noun after the verb."""
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in {"obj", "nsubj", "nmod"}]
    return next((c for c in after if c.pos_ in {"PROPN", "NOUN"}), None)


def predicate_of(word: Token) -> Token:
    """The predicate a word of judgement belongs to: itself, or the noun it qualifies when
    that noun is the predicate (``c'est un acte lâche``, ``un exemple d'ingérence``)."""
    head = word.head
    if word.dep_ in {"amod", "nmod"} and any(c.dep_ == "cop" for c in head.children):
        return head
    return word


def is_conditional(verb: Token, conditions: Collection[str]) -> bool:
    """An act told in the conditional (``aurait été tué``, ``auraient arrêté``), with no
    ``if`` clause of its own (``conditions``: the words that open one): reported, not
    confirmed."""
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    finite = next((a for a in auxes if "Fin" in args.morph(a, "VerbForm")), verb)
    return "Cnd" in args.morph(finite, "Mood") and not any(
        c.dep_ == "mark" and c.lower_ in conditions for c in verb.children
    )


def claim_sources(verb: Token, saying: Collection[str], according: Collection[str]) -> list[Token]:
    """Who a reported act is attributed to: ``selon X`` on the act, or the subject of the verb
    of saying it depends on (``Le Figaro annonce que … aurait été tué``)."""
    found = [c for c in verb.children if c.dep_.startswith("obl") and args.case_of(c) in according]
    for head in verb.ancestors:
        if head.pos_ == "VERB" and head.lemma_.lower() in saying:
            if (speaker := subject_of(head)) is not None:
                found.append(speaker)
            break
    return found
