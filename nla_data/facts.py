"""The facts a package declares about its city, as small immutable values the layers above read.

Everything that describes one city's NLA lives in `datapackage.json`, once: the classes of the wijken
(`wijkperspectief.klassen`: the two dimensions, the size threshold, the classes in order, their
labels), the links between entries (`wijkperspectief.relaties`), which statuses of an entry count as
open and which as closed (`wijkperspectief.statussen`), what a budget decision answers
(`wijkperspectief.besluitcriteria`), the kinds of a wijk's outlook (`wijkperspectief.kansen`: kansen
and bedreigingen), the English names of its sources (`wijkperspectief.bronnen_en`), the vocabularies and
limits of an entry (the `items` schema) and the municipality's name. `read_facts` turns a descriptor that
`nla_data.validate` accepted into these values; the domain gets them as arguments and never reads a
file. `classify` gives each wijk its class, as the package declares it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# The app writes an apostrophe before text that a spreadsheet would read as a formula
# (nla_data.csv_safety), so a text field's maxLength in the package is one more than a person may type.
APOSTROPHE_ROOM = 1

# The kind (`soort`) of a network entry that is a person: the rules for personal data name it (a person is
# never public). The app's rule, not the city's: validate_facts checks that the package's enum has it.
PERSON = "persoon"


@dataclass(frozen=True)
class Label:
    """A word in Dutch and English."""

    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


def _label(declared: Mapping, prefix: str = "label") -> Label:
    return Label(str(declared[f"{prefix}_nl"]), str(declared[f"{prefix}_en"]))


# --- classes ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WijkClass:
    key: str  # e.g. "groot-zwaar"
    size: str  # a value of wijken.grootte
    weight: str  # a value of wijken.zwaarte
    label: Label


@dataclass(frozen=True)
class Dimension:
    """One side of a class (grootte or zwaarte): its values in order, their labels and the source."""

    values: tuple[str, ...]
    labels: tuple[Label, ...]  # one per value, in the same order
    source: str

    def label(self, value: str, lang: str) -> str:
        return self.labels[self.values.index(value)](lang) if value in self.values else str(value)


@dataclass(frozen=True)
class ClassScheme:
    """The classes of the wijken in the order the package lists them, and how size is decided."""

    classes: tuple[WijkClass, ...]
    size: Dimension
    weight: Dimension
    threshold: int  # dwellings: more than this is `above`
    above: str  # the size value of a wijk with more than `threshold` dwellings
    below: str

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.classes]

    def position(self, key: str) -> int | None:
        """Where the class stands in the package's order (0 first); None for an unknown key."""
        return next((i for i, c in enumerate(self.classes) if c.key == key), None)

    def label(self, key: str, lang: str) -> str:
        """The class's label; an unknown key shows itself (a gap is visible, not fatal)."""
        found = next((c for c in self.classes if c.key == key), None)
        return found.label(lang) if found else str(key)

    def of(self, size: str, weight: str) -> str | None:
        return next((c.key for c in self.classes if (c.size, c.weight) == (size, weight)), None)

    def size_for(self, dwellings: float) -> str:
        """The size a wijk with this many dwellings has by the package's threshold."""
        return self.above if dwellings > self.threshold else self.below


def read_classes(declared: Mapping) -> ClassScheme:
    size, weight = declared["grootte"], declared["zwaarte"]
    above = next(v["waarde"] for v in size["waarden"] if v.get("boven_drempel"))
    below = next(v["waarde"] for v in size["waarden"] if not v.get("boven_drempel"))
    return ClassScheme(
        classes=tuple(WijkClass(c["klasse"], c["grootte"], c["zwaarte"], _label(c)) for c in declared["volgorde"]),
        size=_dimension(size), weight=_dimension(weight),
        threshold=int(size["drempel_woningen"]), above=above, below=below)


def _dimension(declared: Mapping) -> Dimension:
    return Dimension(tuple(v["waarde"] for v in declared["waarden"]), tuple(_label(v) for v in declared["waarden"]),
                     str(declared.get("bron", "")))


def classify(wijken: pd.DataFrame, classes: ClassScheme) -> pd.DataFrame:
    """The wijken with `klasse` (the key of their class) and `klasse_volgorde` (its place in the
    package's order), as the package declares them for each pair of grootte and zwaarte."""
    keys = [classes.of(g, z) for g, z in zip(wijken["grootte"], wijken["zwaarte"])]
    order = [classes.position(k) if k is not None else len(classes.classes) for k in keys]
    return wijken.assign(klasse=keys, klasse_volgorde=order)


# --- links between entries ----------------------------------------------------------------------

@dataclass(frozen=True)
class Relation:
    """A link from an entry of one of `sources` to an entry of one of `targets` (sections)."""

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    label: Label  # seen from the entry that owns the link ("hoort bij")
    reverse: Label  # seen from the entry it points to ("nodig hiervoor")


@dataclass(frozen=True)
class Relations:
    relations: tuple[Relation, ...] = ()

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.relations]

    def get(self, name: str) -> Relation | None:
        return next((r for r in self.relations if r.name == name), None)

    def from_section(self, section: str | None) -> Relation | None:
        """The relation an entry of `section` links with (a section owns at most one: validate checks)."""
        return next((r for r in self.relations if section in r.sources), None)

    def label(self, name: str, outgoing: bool, lang: str) -> str:
        relation = self.get(name)
        if relation is None:
            return str(name)
        return (relation.label if outgoing else relation.reverse)(lang)


def read_relations(declared: list) -> Relations:
    return Relations(tuple(Relation(r["relatie"], tuple(r["van"]), tuple(r["naar"]), _label(r), _label(r, "terug"))
                           for r in declared))


# --- what an entry may hold ---------------------------------------------------------------------

@dataclass(frozen=True)
class EntryRules:
    """The vocabularies and limits of an entry, from the package's `items` schema, its links, and which
    of its statuses count as open (`wijkperspectief.statussen`).

    A limit that the schema does not declare is None: no limit. Lengths are what a person may type
    (the schema's maxLength less the room for the apostrophe, APOSTROPHE_ROOM)."""

    statuses: tuple[str, ...] = ()  # the enum, in its order
    # Open in the order an entry's form offers them: the first is where a reopened entry goes that was
    # never open before. Closed in the order they are offered as the reason to close an entry.
    open_statuses: tuple[str, ...] = ()
    closed_statuses: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()  # aanpak
    help_kinds: tuple[str, ...] = ()  # soort_hulp
    kinds: tuple[str, ...] = ()  # soort, of a network entry
    min_length: tuple[tuple[str, int], ...] = ()  # (field, length) pairs: hashable, so the rules can be a cache key
    max_length: tuple[tuple[str, int], ...] = ()
    amount_min: int | None = None
    amount_max: int | None = None
    relations: Relations = field(default_factory=Relations)

    def is_open(self, status: str) -> bool:
        return status in self.open_statuses

    def longest(self, name: str) -> int | None:
        return dict(self.max_length).get(name)

    def shortest(self, name: str) -> int:
        return dict(self.min_length).get(name, 0)


def read_entry_rules(items_schema: Mapping, relations: Relations, statuses: Mapping) -> EntryRules:
    """`statuses` is `wijkperspectief.statussen`: {"open": [...], "afgesloten": [...]}."""
    fields = {f["name"]: f.get("constraints", {}) for f in items_schema["fields"]}

    def enum(name: str) -> tuple[str, ...]:
        return tuple(str(v) for v in fields.get(name, {}).get("enum", ()))

    strings = {f["name"] for f in items_schema["fields"] if f.get("type", "string") == "string"}
    amount = fields.get("bedrag", {})
    return EntryRules(
        statuses=enum("status"), open_statuses=tuple(map(str, statuses["open"])),
        closed_statuses=tuple(map(str, statuses["afgesloten"])),
        approaches=enum("aanpak"), help_kinds=enum("soort_hulp"), kinds=enum("soort"),
        min_length=tuple((n, int(c["minLength"])) for n, c in fields.items() if n in strings and "minLength" in c),
        max_length=tuple((n, int(c["maxLength"]) - APOSTROPHE_ROOM) for n, c in fields.items()
                         if n in strings and "maxLength" in c),
        amount_min=_int(amount.get("minimum")), amount_max=_int(amount.get("maximum")),
        relations=relations)


def _int(value) -> int | None:
    return None if value is None else int(value)


# --- budget decisions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    key: str  # e.g. "draagvlak"
    label: Label


@dataclass(frozen=True)
class DecisionCriteria:
    """What every budget decision answers, one by one (`wijkperspectief.besluitcriteria`; in Groningen the
    four criteria of the wijkteams' task description of 30 May 2011). None declared: no decisions."""

    items: tuple[Criterion, ...] = ()
    source: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.items)


def read_criteria(declared: Mapping | None) -> DecisionCriteria:
    if not declared:
        return DecisionCriteria()
    return DecisionCriteria(tuple(Criterion(str(c["criterium"]), _label(c)) for c in declared["criteria"]),
                            str(declared.get("bron", "")))


# --- a wijk's outlook: kansen and bedreigingen ------------------------------------------------------

@dataclass(frozen=True)
class OutlookKind:
    key: str  # e.g. "kans"
    label: Label  # plural, a column's heading: "Kansen"
    singular: Label  # "kans"


@dataclass(frozen=True)
class OutlookRules:
    """What a wijk's outlook may hold (`wijkperspectief.kansen`; in Groningen the kansen and bedreigingen the
    letter of 18 September 2013 asks for). None declared: no outlook."""

    kinds: tuple[OutlookKind, ...] = ()
    text_max: int = 200
    source: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k.key for k in self.kinds)

    def kind(self, key: str) -> OutlookKind | None:
        return next((k for k in self.kinds if k.key == key), None)


def read_outlook(declared: Mapping | None) -> OutlookRules:
    if not declared:
        return OutlookRules()
    return OutlookRules(tuple(OutlookKind(str(k["soort"]), _label(k), _label(k, "enkelvoud"))
                              for k in declared["soorten"]),
                        int(declared["tekst_max"]), str(declared.get("bron", "")))


# --- the names of sources in English ------------------------------------------------------------

@dataclass(frozen=True)
class SourceNames:
    """The English names of the sources the package names in Dutch (`wijkperspectief.bronnen_en`: Dutch → English).
    A source without one keeps its Dutch name: a title is not translated by guessing."""

    english: tuple[tuple[str, str], ...] = ()  # (Dutch, English), the longest Dutch name first

    def __call__(self, text: str, lang: str) -> str:
        """`text` in `lang`: each known Dutch name in it replaced by its English one (a text may name several,
        e.g. "A; B"; the longest first, so a name inside a longer one is not replaced on its own)."""
        if lang != "en" or not text:
            return text
        for dutch, english in self.english:
            text = text.replace(dutch, english)
        return text


def read_source_names(declared: Mapping | None) -> SourceNames:
    pairs = sorted(((str(nl), str(en)) for nl, en in (declared or {}).items()), key=lambda p: -len(p[0]))
    return SourceNames(tuple(pairs))


# --- all of them --------------------------------------------------------------------------------

@dataclass(frozen=True)
class PackageFacts:
    classes: ClassScheme
    relations: Relations
    entry_rules: EntryRules
    municipality_name: str  # "Groningen"
    criteria: DecisionCriteria = field(default_factory=DecisionCriteria)
    outlook: OutlookRules = field(default_factory=OutlookRules)
    source_names: SourceNames = field(default_factory=SourceNames)


def read_facts(descriptor: Mapping) -> PackageFacts:
    """The facts of a descriptor that `nla_data.validate` accepted."""
    extra = descriptor.get("wijkperspectief", {})
    relations = read_relations(extra["relaties"])
    items = next(r for r in descriptor["resources"] if r["name"] == "items")
    return PackageFacts(classes=read_classes(extra["klassen"]), relations=relations,
                        entry_rules=read_entry_rules(items["schema"], relations, extra["statussen"]),
                        municipality_name=str(extra.get("gemeentenaam", "")),
                        criteria=read_criteria(extra.get("besluitcriteria")),
                        outlook=read_outlook(extra.get("kansen")),
                        source_names=read_source_names(extra.get("bronnen_en")))
