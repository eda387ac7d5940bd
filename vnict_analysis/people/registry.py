"""Known places, organisations and people (`entities.yaml`, package data): canonical names from any script."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any


from ..datafiles import EntitiesFile, PortfoliosFile, read_data_file
from ..errors import DataFileError
from ..resources import Resources, as_resources
from ..text.match import WordMatcher

REGISTRY_KEYS = {"places", "organisations", "people"}
LEVELS = {"national", "provincial", "municipal", "district", "foreign", "company"}


def norm(text: str) -> str:
    """Matching key: NFC, case-folded, without spaces and without the marks "(" ")" "." ","."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"[\s().,]+", "", text)


def caseless(text: str) -> bool:
    """True when `text` has letters but none with case (Thai, CJK): no capitals mark names there."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.isupper() or c.islower() for c in letters)


@dataclass(frozen=True)
class Place:
    """A place found in a text: canonical name, level and character offsets."""

    name: str
    level: str
    start: int
    end: int


@dataclass(frozen=True)
class Registry:
    """The contents of `entities.yaml` with lookups by surface form.

    Attributes
    ----------
    places, organisations, people
        The YAML entries, as lists of dicts.
    """

    places: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    portfolios: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def _portfolio_keys(self) -> list[tuple[str, str]]:
        """(matching key, portfolio) for every surface, longest key first (normalised once)."""
        keys = [(norm(s), name) for name, surfaces in self.portfolios.items() for s in [name, *surfaces] if norm(s)]
        return sorted(keys, key=lambda kn: -len(kn[0]))  # stable: equal lengths keep the file's order

    def portfolio(self, text: str) -> str | None:
        """The English portfolio named in `text` ("情報通信", "науки и технологий"), longest surface first."""
        key = norm(text)
        if not key:
            return None
        return next((name for k, name in self._portfolio_keys if k in key), None)

    def english_name(self, org_type: str | None, core: str, places: tuple[str, ...]) -> str | None:
        """A body's name in English from its type, portfolio and place, or None when the parts are
        not enough ("Ministry of Information and Communications", "Ho Chi Minh City People's
        Committee", "Ho Chi Minh City Department of Information and Communications")."""
        area = self.portfolio(core)
        place = places[0] if places else None
        local = place is not None and (self.place(place) or {}).get("level") not in (None, "national", "foreign")
        prefix = f"{place} " if local else ""
        of_place = f" of {place}" if place and not local else ""
        heads = {"ministry": "Ministry of {}", "department": "Department of {}", "agency": "{} Agency",
                 "committee": "Committee for {}", "association": "{} Association", "institute": "Institute of {}"}
        if org_type in heads and area:
            return prefix + heads[org_type].format(area) + ("" if local else of_place)
        fixed = {"people_committee": "People's Committee", "party_committee": "Party Committee",
                 "government": "Government", "embassy": "Embassy", "consulate": "Consulate General"}
        if org_type in fixed and (place or org_type == "government"):
            if org_type in ("people_committee", "party_committee"):
                return f"{place} {fixed[org_type]}" if place else None
            return fixed[org_type] + of_place
        return None

    def person(self, surface: str) -> str | None:
        """Canonical name of the person written `surface`, or None when not registered."""
        key = norm(surface)
        for p in self.people:
            if key in {norm(a) for a in [p["name"], *p.get("aliases", [])]}:
                return str(p["name"])
        return None

    def person_aliases(self) -> list[tuple[str, str]]:
        """(alias, canonical name) pairs, longest alias first."""
        pairs = [(str(a), str(p["name"])) for p in self.people for a in [p["name"], *p.get("aliases", [])]]
        return sorted(set(pairs), key=lambda x: len(x[0]), reverse=True)

    def place(self, name: str) -> dict[str, Any] | None:
        """The entry of the place with canonical name `name`."""
        return next((p for p in self.places if p["name"] == name), None)

    @cached_property
    def _place_matcher(self) -> tuple[WordMatcher, dict[str, dict[str, Any]]]:
        """Every place alias in one matcher (longest first; spaces optional, "DaNang"; word edges
        unless the alias is in a caseless script), and the place of each alias. Built once per
        registry: a pattern per alias recompiled on every call was most of the attribution time."""
        owner: dict[str, dict[str, Any]] = {}
        for alias, p in sorted(((str(a), p) for p in self.places for a in [p["name"], *p.get("aliases", [])]),
                               key=lambda x: len(x[0]), reverse=True):
            owner.setdefault(alias, p)
        return WordMatcher(owner, gap=r"\s*", edged=lambda a: not caseless(a)), owner

    def find_places(self, text: str) -> list[Place]:
        """Registered places named in `text`, left to right, the longest alias at each position, not
        overlapping."""
        matcher, owner = self._place_matcher
        return [Place(str(owner[a]["name"]), str(owner[a]["level"]), s, e) for s, e, a in matcher.find(text)]

    def organisation(self, surface: str, org_type: str | None = None, places: tuple[str, ...] = (),
                     core: str = "") -> dict[str, Any] | None:
        """The registered body written `surface`, or with this type, these places and this core name.

        Parameters
        ----------
        surface
            The name as written.
        org_type, places, core
            The parts of the name (see `attribution.parse_body`); used when no full alias matches.
        """
        key = norm(surface)
        for o in self.organisations:
            if key and key in {norm(a) for a in [o["name"], *o.get("aliases", [])]}:
                return o
        for o in self.organisations:
            if org_type is not None and o.get("type") != org_type:
                continue
            if set(places) != set(o.get("places") or []):
                continue
            cores = {norm(c) for c in o.get("core") or []}
            if norm(core) in cores or (not core.strip() and not cores and org_type is not None):
                return o
        return None


def load_registry(resources: "Resources | str | Path | None" = None) -> Registry:
    """The registry of `entities.yaml` in the data folder (cached on its `Resources`).

    Raises
    ------
    DataFileError
        If the file is malformed (unknown key, entry without a name, unknown level, an
        organisation in an unregistered place); the message names the file and line.
    """
    res = as_resources(resources)
    return res.cached("registry", lambda: _read_registry(res.path("entities.yaml")))


def _read_registry(path: Path) -> Registry:
    if not path.exists():
        return Registry()
    data = read_data_file(path, EntitiesFile)
    names = {p["name"] for p in data.get("places") or []}
    for o in data.get("organisations") or []:
        missing = set(o.get("places") or []) - names
        if missing:
            raise DataFileError(f"{path}: {o['name']}: unknown places {sorted(missing)}")
    portfolios_path = path.with_name("portfolios.yaml")
    portfolios = read_data_file(portfolios_path, PortfoliosFile).get("portfolios") or {} if portfolios_path.exists() else {}
    return Registry(data.get("places") or [], data.get("organisations") or [], data.get("people") or [],
                    {str(k): [str(x) for x in v] for k, v in portfolios.items()})
