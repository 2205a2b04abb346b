"""The PLOVER ontology file and its loader: every link resolves, scores match the manual."""

from __future__ import annotations

import copy
from importlib import resources
from typing import Any

import pytest
import yaml

from wirecoder import ontology as ontology_module
from wirecoder.ontology import Ontology, OntologyError
from wirecoder.records import AUX_MODES, EVENT_TYPES

# Read independently of the loader, so that the parameters exist even if it is broken.
_RAW: Any = yaml.safe_load(
    (resources.files("wirecoder") / "ontology" / "plover.yaml").read_text(encoding="utf-8")
)

# Modes as the manual's tables give them, in its order.
MANUAL_MODES = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2}
QUAD |= {"RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4}
QUAD |= {"SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
NEEDS_RECIPIENT = {"COOPERATE", "AID", "SANCTION"}
SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}
# The sectors the project asked for, then the rest of the manual's list.
SECTORS = "GOV MIL COP JUD LEG PTY OPP REB PRM SPY UAF UNK BUS CVL EDU JRN MED REF REL SOC"
SECTORS += " AGR CRM ELI LAB PRE"


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


@pytest.mark.parametrize("types", [EVENT_TYPES])
def test_ontology_types_are_the_records_types(onto: Ontology, types: tuple[str, ...]) -> None:
    assert tuple(onto.types) == types


@pytest.mark.parametrize("name", EVENT_TYPES)
def test_ontology_type_is_well_formed(onto: Ontology, name: str) -> None:
    info = onto.info(name)
    assert info.quad_class == QUAD[name]
    assert info.requires_recipient is (name in NEEDS_RECIPIENT)
    assert info.symmetric is (name in SYMMETRIC)
    assert -10.0 <= info.goldstein <= 10.0
    assert info.plover_score is not None and -10.0 <= info.plover_score <= 10.0
    assert onto.cameo[info.cameo].type == name  # the default code is one of the type's own
    assert onto.cameo[info.cameo].goldstein == info.goldstein
    assert onto.from_cameo(info.cameo) == (name, onto.cameo[info.cameo].mode)


@pytest.mark.parametrize(("name", "modes"), MANUAL_MODES.items())
def test_ontology_modes_are_the_manuals(onto: Ontology, name: str, modes: tuple[str, ...]) -> None:
    assert onto.modes(name) == modes


@pytest.mark.parametrize(
    ("name", "mode"), [(t, m) for t, modes in MANUAL_MODES.items() for m in modes]
)
def test_ontology_mode_code_is_in_the_cameo_table(onto: Ontology, name: str, mode: str) -> None:
    info = onto.info(name).mode(mode)
    assert info is not None
    entry = onto.cameo[info.cameo]
    assert entry.type == name
    assert entry.goldstein == info.goldstein
    assert info.plover_score is None or -10.0 <= info.plover_score <= 10.0


@pytest.mark.parametrize("code", list(_RAW["cameo"]))
def test_ontology_cameo_entry_resolves(onto: Ontology, code: str) -> None:
    assert isinstance(code, str) and code.isdigit() and 2 <= len(code) <= 4
    entry = onto.cameo[code]
    assert entry.type in EVENT_TYPES
    assert entry.mode is None or entry.mode in onto.modes(entry.type)
    assert set(entry.contexts) <= set(onto.contexts)
    assert -10.0 <= entry.goldstein <= 10.0
    assert code[:2] in onto.cameo  # every code falls under a listed cue category


@pytest.mark.parametrize(
    ("name", "mode", "expected"),
    [
        ("CONSULT", None, ("040", 1.0, 1)),
        ("CONSULT", "visit", ("042", 1.9, 1)),
        ("CONSULT", "phone", ("041", 1.0, 1)),
        ("AGREE", None, ("030", 4.0, 1)),
        ("AID", None, ("070", 7.0, 2)),
        ("RETREAT", "ceasefire", ("0871", 9.0, 2)),
        ("ACCUSE", None, ("110", -2.0, 3)),
        ("ACCUSE", "allege", ("112", -2.0, 3)),
        ("THREATEN", None, ("130", -4.4, 3)),
        ("PROTEST", "demo", ("141", -6.5, 4)),
        ("SANCTION", "expel", ("166", -7.0, 4)),
        ("COERCE", "arrest", ("173", -5.0, 4)),
        ("ASSAULT", None, ("180", -9.0, 4)),
        ("ASSAULT", "firearms", ("193", -10.0, 4)),
    ],
)
def test_ontology_score_spot_checks(
    onto: Ontology, name: str, mode: str | None, expected: tuple[str, float, int]
) -> None:
    assert onto.score(name, mode) == expected


@pytest.mark.parametrize(
    ("name", "mode"), [("CONSULT", "host"), ("AGREE", "visit"), ("ASSAULT", ""), ("AID", "x")]
)
def test_ontology_score_falls_back_to_the_type_default(
    onto: Ontology, name: str, mode: str
) -> None:
    info = onto.info(name)
    assert onto.score(name, mode) == (info.cameo, info.goldstein, info.quad_class)


@pytest.mark.parametrize("method", ["score", "is_symmetric", "requires_recipient", "modes"])
def test_ontology_unknown_type_raises_a_named_error(onto: Ontology, method: str) -> None:
    args: tuple[object, ...] = ("DEMAND", None) if method == "score" else ("DEMAND",)
    with pytest.raises(KeyError) as caught:
        getattr(onto, method)(*args)
    assert isinstance(caught.value, OntologyError)
    assert str(caught.value).startswith("unknown PLOVER type 'DEMAND': use one of AGREE")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("040", ("CONSULT", None)),
        ("043", ("CONSULT", "visit")),
        ("0315", ("AGREE", None)),  # not listed: falls back to 031
        ("1712", ("ASSAULT", "destroy")),
        ("163", ("SANCTION", "discontinue")),
        ("0841", ("RETREAT", "release")),
        ("082", ("CONCEDE", None)),
        ("19", ("ASSAULT", None)),
        (" 173 ", ("COERCE", "arrest")),
        ("010", None),  # CAMEO 01 and 02 have no PLOVER type
        ("0", None),
        ("", None),
    ],
)
def test_ontology_from_cameo(
    onto: Ontology, code: str, expected: tuple[str, str | None] | None
) -> None:
    assert onto.from_cameo(code) == expected


@pytest.mark.parametrize("code", SECTORS.split(" "))
def test_ontology_sector_is_listed(onto: Ontology, code: str) -> None:
    assert onto.sectors[code]


@pytest.mark.parametrize(
    "name",
    ["military", "diplomatic", "economic", "human_rights", "pro_democracy", "cbrn", "trafficking"],
)
def test_ontology_context_is_listed(onto: Ontology, name: str) -> None:
    assert len(onto.contexts) == 37
    assert onto.contexts[name]


@pytest.mark.parametrize("aux", [AUX_MODES])
def test_ontology_aux_modes_are_the_records(onto: Ontology, aux: tuple[str, ...]) -> None:
    assert tuple(onto.aux_modes) == aux


@pytest.mark.parametrize(
    ("name", "expected"),
    [("CONSULT", "AGREE"), ("AID", "AGREE"), ("RETREAT", "CONCEDE"), ("CONCEDE", None)],
)
def test_ontology_future_as(onto: Ontology, name: str, expected: str | None) -> None:
    assert onto.future_as.get(name) == expected


@pytest.mark.parametrize("times", [2])
def test_ontology_load_reads_once(times: int) -> None:
    assert len({id(Ontology.load()) for _ in range(times)}) == 1


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("cameo", "042", "mode"), "host", "cameo.042: CONSULT has no mode 'host': use visit,"),
        (("cameo", "042", "type"), "MEET", "cameo.042: unknown type 'MEET'"),
        (("cameo", "042", "context"), ["weather"], "cameo.042: unknown contexts ['weather']"),
        (("types", "CONSULT", "cameo"), 40, "types.CONSULT: malformed entry"),
        (("types", "CONSULT", "cameo"), "049", "CAMEO 049 used in types: add to cameo"),
        (("future_as", "AID"), "GIVE", "future_as names unknown types ['GIVE']"),
    ],
)
def test_ontology_bad_file_names_the_entry(
    path: tuple[str, ...], value: object, message: str
) -> None:
    raw = copy.deepcopy(_RAW)
    parent = raw
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    with pytest.raises(OntologyError) as caught:
        ontology_module._build(raw)
    assert message in str(caught.value)
