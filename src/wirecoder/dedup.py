"""Deduplication across sources: one real-world event reported by many articles, one cluster.

Two mentions (events as coded from one article each) report one event when they have

- the same type and the same negation;
- the same actor and recipient codes (country, else IGO), in either order for the types whose
  sides act jointly (``symmetric`` in the ontology: AGREE, CONSULT, COOPERATE), with at least
  one side coded;
- day-precision dates at most one day apart, for every pair of the cluster (so a cluster spans
  two consecutive days at most: the rule never chains a week of meetings into one);
- compatible places: the same location country, or no country on one of them.

A mention without a day-precision date or without any side code stays alone in its cluster.

Clustering is incremental: :func:`dedup` looks only at stored mentions that are in no cluster
yet, in order of date then id; each joins the compatible cluster whose first date is earliest
(then the smallest cluster id), else founds one named after its own id. Every stored mention
ends in exactly one cluster (``event_clusters``), and running it again changes nothing.
:func:`assign` is the same rule on plain records, with no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from wirecoder.ontology import Ontology
from wirecoder.records import EventCluster
from wirecoder.store import Store, StoreError

__all__ = ["Candidate", "DedupSummary", "assign", "clusters", "dedup", "symmetric_types"]

Key = tuple[str, bool, str, str]

# A mention as deduplication sees it: its type, negation, side codes, date and country.
_CANDIDATES = """
SELECT {cluster} e.id, e.type, e.negated, coalesce(e.actor_country, e.actor_igo) AS actor,
    coalesce(e.recipient_country, e.recipient_igo) AS recipient, e.date, e.location_country
FROM events_flat e
"""
_NEW = _CANDIDATES.format(cluster="") + (
    "WHERE e.id NOT IN (SELECT event_id FROM event_clusters) ORDER BY e.date, e.id"
)
# Every member of the clusters with a member dated in [?, ?]: clusters the new mentions may join.
_NEARBY = _CANDIDATES.format(cluster="c.cluster_id,") + (
    "JOIN event_clusters c ON c.event_id = e.id WHERE c.cluster_id IN "
    "(SELECT k.cluster_id FROM event_clusters k JOIN events d ON d.id = k.event_id "
    "WHERE length(d.date) = 10 AND d.date BETWEEN ? AND ?)"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What deduplication compares of one mention."""

    id: str
    type: str
    negated: bool = False
    actor: str | None = None  # the actor's country, else its IGO code
    recipient: str | None = None
    date: str | None = None  # ISO; only a full date (day precision) can match another
    country: str | None = None  # the event location's country


@dataclass(frozen=True, slots=True)
class DedupSummary:
    """What one :func:`dedup` run did."""

    mentions: int = 0  # mentions that were in no cluster and now are in one
    clusters: int = 0  # clusters founded by them (the rest joined clusters)


@dataclass(slots=True)
class _Cluster:
    id: str
    first: date
    last: date
    country: str | None

    def admits(self, day: date, country: str | None) -> bool:
        one_day = timedelta(days=1)
        within = self.last - one_day <= day <= self.first + one_day
        return within and (country is None or self.country in (None, country))

    def add(self, day: date, country: str | None) -> None:
        self.first, self.last = min(self.first, day), max(self.last, day)
        self.country = self.country or country


def symmetric_types(ontology: Ontology | None = None) -> frozenset[str]:
    """The event types whose two sides act jointly, from the ontology."""
    ontology = ontology or Ontology.load()
    return frozenset(name for name, info in ontology.types.items() if info.symmetric)


def assign(
    new: Iterable[Candidate],
    existing: Iterable[tuple[str, Candidate]] = (),
    *,
    symmetric: Container[str] | None = None,
) -> dict[str, str]:
    """The cluster id of each new mention, given the members of existing clusters.

    ``existing`` holds ``(cluster id, member)`` pairs; ``new`` is taken in order of date then
    id, whatever order it comes in. A mention already listed in ``existing`` is left out.
    """
    symmetric = symmetric_types() if symmetric is None else symmetric
    open_: dict[Key, list[_Cluster]] = defaultdict(list)
    members: dict[str, list[Candidate]] = defaultdict(list)
    for cluster_id, member in existing:
        members[cluster_id].append(member)
    placed = {m.id for found in members.values() for m in found}
    for cluster_id, found in sorted(members.items()):
        for member in found:
            key, day = _key(member, symmetric), _day(member.date)
            if key is None or day is None:
                continue
            clusters = open_[key]
            cluster = next((c for c in clusters if c.id == cluster_id), None)
            if cluster is None:
                clusters.append(_Cluster(cluster_id, day, day, member.country))
            else:
                cluster.add(day, member.country)
    result: dict[str, str] = {}
    for mention in sorted(new, key=lambda m: (m.date is None, m.date or "", m.id)):
        if mention.id in placed or mention.id in result:
            continue
        key, day = _key(mention, symmetric), _day(mention.date)
        if key is None or day is None:
            result[mention.id] = mention.id
            continue
        # Mentions come in date order: a cluster that began before yesterday is closed.
        live = open_[key] = [c for c in open_[key] if c.first >= day - timedelta(days=1)]
        fits = [c for c in live if c.admits(day, mention.country)]
        if fits:
            chosen = min(fits, key=lambda c: (c.first, c.id))
            chosen.add(day, mention.country)
        else:
            chosen = _Cluster(mention.id, day, day, mention.country)
            live.append(chosen)
        result[mention.id] = chosen.id
    return result


def dedup(store: Store, *, symmetric: Container[str] | None = None) -> DedupSummary:
    """Put every stored mention that is in no cluster yet into one, in one transaction."""
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only: open it with Store(path) to dedup")
    with closing(store.cursor()) as cur:
        cur.begin()
        try:
            new = [Candidate(*row) for row in cur.execute(_NEW).fetchall()]
            days = sorted(d for d in (_day(m.date) for m in new) if d is not None)
            existing: list[tuple[str, Candidate]] = []
            if days:
                low, high = days[0] - timedelta(days=1), days[-1] + timedelta(days=1)
                rows = cur.execute(_NEARBY, [low.isoformat(), high.isoformat()]).fetchall()
                existing = [(row[0], Candidate(*row[1:])) for row in rows]
            mapping = assign(new, existing, symmetric=symmetric)
            if mapping:
                import pyarrow as pa

                table = pa.table({"event_id": list(mapping), "cluster_id": list(mapping.values())})
                cur.register("wirecoder_new_clusters", table)
                cur.execute("INSERT INTO event_clusters SELECT * FROM wirecoder_new_clusters")
                cur.unregister("wirecoder_new_clusters")
            cur.commit()
        except duckdb.Error as exc:
            cur.rollback()
            raise StoreError(f"cannot deduplicate events in {store.path}: {exc}") from exc
        except BaseException:
            cur.rollback()
            raise
    founded = sum(1 for event_id, cluster_id in mapping.items() if event_id == cluster_id)
    return DedupSummary(mentions=len(mapping), clusters=founded)


def clusters(
    store: Store,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[EventCluster]:
    """Clusters with a mention matching the filters (those of ``Store.events``), each with
    every one of its mentions, whether or not they match; ordered like ``Store.events``."""
    heads = store.events(
        actor=actor,
        recipient=recipient,
        type=type,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
        unit="clusters",
    )
    if not heads:
        return []
    found = store.cluster_mentions([head.id for head in heads])
    return [
        EventCluster(cluster_id, head, mentions)
        for head, (cluster_id, mentions) in zip(heads, found, strict=True)
    ]


def _key(mention: Candidate, symmetric: Container[str]) -> Key | None:
    actor, recipient = mention.actor or "", mention.recipient or ""
    if not actor and not recipient:
        return None
    if mention.type in symmetric and recipient < actor:
        actor, recipient = recipient, actor
    return (mention.type, bool(mention.negated), actor, recipient)


def _day(value: str | None) -> date | None:
    if value is None or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
