"""Event places (first cut): the dateline place for what happens where the dispatch is filed.

Meetings, receptions and statements happen where the dispatch is filed; material acts
(attacks, protests, deployments) need a place of their own in the text, which the gazetteer
work will bring. The dateline place is resolved through the capitals lexicon for its country.
"""

from __future__ import annotations

from wirecoder.actors.lexicon import ActorLexicon, key
from wirecoder.records import Dateline, Event, Place

# PLOVER quad classes 1 and 3: verbal cooperation and verbal conflict
_SAID_OR_MET = {1, 3}


def resolve_place(name: str | None, lexicon: ActorLexicon) -> Place | None:
    if not name:
        return None
    return Place(name=name, country=lexicon.capitals.get(key(name)))


def event_location(event: Event, dateline: Dateline) -> Place | None:
    if event.quad_class in _SAID_OR_MET and event.aux_mode is None:
        return dateline.location
    return None
