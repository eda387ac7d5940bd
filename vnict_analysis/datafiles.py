"""Typed data files: one pydantic model per YAML file, read with the line of every key kept, so a
typo is an error that names the file, the line and the key.

Files: ``lexicons/<lang>.yaml`` (`LexiconFile`), ``indicators.yaml`` (`IndicatorsFile`),
``entities.yaml`` (`EntitiesFile`), ``sources.yaml`` (`SourcesFile`) and the book's parameters
(`BookParams`). `read_data_file` validates and returns the plain mapping (keys always strings,
duplicate keys an error), which is what the steps use.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Type, Union

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator

from .errors import DataFileError, UnknownLanguageError


# ---------------------------------------------------------------- language codes
def check_lang(lang: Any) -> str:
    """The normalised language code (``"vi"``), or `UnknownLanguageError` when CLDR does not know it."""
    if not isinstance(lang, str) or not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", lang):
        raise UnknownLanguageError(f"unknown language code: {lang!r}")
    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise UnknownLanguageError(f"unknown language code: {lang!r}") from exc
    return lang.replace("_", "-").split("-")[0].lower()


def _scalar_text(v: Any) -> Any:
    return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


Text = Annotated[str, BeforeValidator(_scalar_text)]
Words = list[Text]
def _lang(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError(f"must be a string (a language code), not {type(v).__name__}")
    check_lang(v)
    return v


Lang = Annotated[str, BeforeValidator(_lang)]
Level = Literal["national", "provincial", "municipal", "district", "foreign", "company"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- lexicons/<lang>.yaml
class Numbers(_Model):
    units: dict[Text, float] = {}
    values: dict[Text, float] = {}
    adders: dict[Text, float] = {}
    multipliers: dict[Text, float] = {}
    scales: dict[Text, float] = {}
    fillers: Words = []
    standalone: Words = []            # scale words that are a number alone: "mille entreprises", "tausend Euro"
    decimal_words: Words = []         # "point", "koma", "phẩy", "จุด", "点": the digits after it are read one by one
    ambiguous_alone: Words = []
    idioms: Words = []


class Bounds(_Model):
    about: Words = []
    more_than: Words = []
    less_than: Words = []


class Qualifiers(_Model):
    actual: Words = []
    estimate: Words = []
    target: Words = []


class Calendar(_Model):
    era_offset: int = 0
    era_markers: Words = []
    year_words: Words = []
    months: Words = []
    month_links: Words = []  # words between a day and its month ("22 de diciembre")
    date_words: Words = []
    date_suffixes: Words = []
    year_suffixes: Words = []


class OrgType(_Model):
    type: Text
    level: Optional[Level] = None
    implies: Optional[Literal["national", "local"]] = None


class TitleSpec(_Model):
    title: Text
    body: Optional[Text] = None


class Attribution(_Model):
    titles: dict[Text, Union[Text, TitleSpec]] = {}
    honorifics: Words = []
    org_types: dict[Text, OrgType] = {}
    geo_qualifiers: dict[Text, Text] = {}
    credit_before: Words = []
    credit_after: Words = []
    conjunctions: Words = []
    locatives: Words = []
    linkers: Words = []
    not_speakers: Words = []          # after a credit marker, never a speaker: "đó", "the report"
    # scripts without capitals where a name sits against its title (see people/adjacent.py)
    adjacent_names: Optional[Literal["before", "after", "both"]] = None
    head_final: bool = False          # a body's type word comes last ("情報通信省", "정보통신부")
    name_stops: Words = []            # words that end a name written after its title ("在", "表示")
    particles: Words = []             # endings glued to a word that end a name ("은", "는", "에서")


class LexiconFile(_Model):
    """``lexicons/<lang>.yaml`` (and ``_common.yaml``): every word list a language needs."""

    lang: Optional[Text] = None
    name: Optional[Text] = None
    script_spaces: bool = True
    cues_follow: bool = False
    compounds: bool = False           # words join into compounds (German): a concept may end one
    capitalised_nouns: bool = False   # every noun has a capital (German): "120 Firmen" is counted, not a name
    numbers: Numbers = Numbers()
    negative_words: Words = []
    percent: Words = []
    percent_multipliers: dict[Text, float] = {}
    currencies: dict[Text, Words] = {}
    currency_scales: dict[Text, Text] = {}
    space_groups: bool = False        # thousands also grouped by spaces ("50 000"), beside CLDR's separator
    suffix_scales: dict[Text, float] = {}  # letters glued to digits that scale them ("10K"); CLDR's short forms come first
    subunits: dict[Text, float] = {}  # a currency's sub-unit and its share: {cents: 0.01}; "20 dollars 43 cents" is one figure
    subunit_joiners: Words = []       # words between an amount and its sub-unit besides the fillers ("con")
    scale_links: Words = []           # a word between a scale and its currency: "milliards de dollars"
    rate_words: Words = []
    times_words: Words = []
    bounds: Bounds = Bounds()
    bounds_after: Bounds = Bounds()
    qualifiers: Qualifiers = Qualifiers()
    calendar: Calendar = Calendar()
    comparison_words: Words = []
    comparison_after: Words = []      # after the year, in head-final languages: "2024년 대비", "2024年比"
    present_words: Words = []
    label_words: Words = []
    rank_words_after: Words = []
    not_counted: Words = []
    range_connectors: Words = []
    range_pairs: list[list[Text]] = []
    boilerplate: Words = []
    classifiers: Words = []
    not_classifiers: Words = []
    identifier_prefixes: Words = []
    superlatives: Words = []
    spec_units: Words = []
    ordinal_markers: Words = []
    ordinal_exceptions: Words = []
    anaphora: Words = []
    place_anaphora: Words = []
    clause_words: Words = []
    national_words: Words = []        # a figure for the whole country: "cả nước", "nationwide"
    family_names: Words = []
    attribution: Attribution = Attribution()


# ---------------------------------------------------------------- indicators.yaml
class _Context(_Model):
    before: dict[Lang, Words] = {}
    after: dict[Lang, Words] = {}


class Relation(_Model):
    name: Text
    unit_kinds: list[Literal["money", "percent", "count", "rate", "times"]]
    check: Optional[Text] = None
    before: dict[Lang, Words] = {}
    after: dict[Lang, Words] = {}
    also: Optional[_Context] = None


class Indicator(_Model):
    name: Text
    unit_kind: Literal["money", "percent", "count", "rate", "times"]
    labels: dict[Lang, list[Text]] = {}
    scopes: dict[Text, list[Text]] = {}
    relations: list[Text] = []

    @field_validator("labels", "scopes")
    @classmethod
    def _patterns_compile(cls, value: dict) -> dict:
        for pats in value.values():
            for p in pats:
                try:
                    re.compile(p)
                except re.error as exc:
                    raise ValueError(f"bad pattern {p!r}: {exc}") from exc
        return value


class IndicatorsFile(_Model):
    """``indicators.yaml``: the registered indicators and the relations between them."""

    indicators: dict[Text, Indicator] = {}
    relations: dict[Text, Relation] = {}


# ---------------------------------------------------------------- entities.yaml
class PlaceEntry(_Model):
    name: Text
    level: Level
    aliases: Words = []


class OrganisationEntry(_Model):
    name: Text
    type: Optional[Text] = None
    level: Level
    places: Words = []
    core: Words = []
    aliases: Words = []


class PersonEntry(_Model):
    name: Text
    aliases: Words = []


class PortfoliosFile(_Model):
    """``portfolios.yaml``: a government portfolio in English -> how each language writes it."""

    portfolios: dict[Text, Words] = {}


class EntitiesFile(_Model):
    """``entities.yaml``: confirmations and aliases of places, bodies and people."""

    places: list[PlaceEntry] = []
    organisations: list[OrganisationEntry] = []
    people: list[PersonEntry] = []


# ---------------------------------------------------------------- concepts.yaml
class ConceptsFile(_Model):
    """``concepts.yaml``: what a figure measures, as words per language (revenue, export, growth...)."""

    concepts: dict[Text, dict[Lang, Words]] = {}
    exclusive: list[list[Text]] = []  # concepts one figure cannot be at once: [growth, share_of_gdp]
    generic: list[Text] = []          # concepts that say how, not what: "growth" alone is no shared subject


# ---------------------------------------------------------------- sources.yaml and book parameters
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class SourceEntry(_Model):
    lang: Optional[Lang] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    translated_from: Optional[Lang] = None
    published: Optional[str] = None
    note: Optional[str] = None

    @field_validator("published")
    @classmethod
    def _date(cls, value: Optional[str]) -> Optional[str]:
        m = _DATE.fullmatch(value) if value else None
        if value and not m:
            raise ValueError("published must be YYYY, YYYY-MM or YYYY-MM-DD")
        if m:
            try:
                dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
            except ValueError as exc:
                raise ValueError(f"published {value!r} is not a date: {exc}") from None
        return value


class SourcesFile(_Model):
    """``sources.yaml``: metadata per article file (key = file name without ``.txt``)."""

    sources: dict[Text, SourceEntry] = {}


class BookParams(_Model):
    """``book/params*.yaml``: the book's parameters."""

    data_dir: str = "data/raw"
    languages: Optional[list[Lang]] = None
    entity: Optional[str] = None
    period: Optional[int] = None
    tolerance: float = 0.005
    check_tolerance: float = 0.01


# ---------------------------------------------------------------- reading
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 20x faster
    """Safe YAML with string keys (``0123`` stays ``"0123"``) and duplicate keys an error."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else loader.construct_object(key_node)
        key = str(key)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=deep)
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay the text as written ("published: 2024-05-01" unquoted is the string a user means, and
# "2024-13-45" reaches the date check with its line instead of failing inside YAML).
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)


def _line_of(node: Any, loc: tuple) -> int | None:
    """The line (1-based) of the deepest key of `loc` found in the YAML node tree."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) == str(part):
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _describe(err: dict) -> str:
    loc = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "union["))))
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown key {loc!r}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{loc}: must be a mapping"
    if kind == "string_type":
        return f"{loc}: must be a string"
    if kind in ("list_type", "tuple_type"):
        return f"{loc}: must be a list"
    return f"{loc}: {err['msg'].removeprefix('Value error, ')}"


def read_data_file(path: str | Path, model: Type[BaseModel]) -> dict[str, Any]:
    """Read YAML `path`, validate it against `model` and return the mapping.

    Raises
    ------
    DataFileError
        Not readable, not valid YAML, not a mapping, a duplicate key, or not what `model` allows;
        the message names the file, the line and the key.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot be read: {exc}") from None
    try:
        loader = _Loader(text)  # parsed once: the node keeps line numbers, the data is built from it
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except ValueError as exc:  # a scalar YAML itself cannot build, e.g. the timestamp 2024-13-45
        raise DataFileError(f"{path}: not valid YAML: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{path}{where}: not valid YAML: {problem}") from None
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level, found {type(data).__name__}")
    try:
        model.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}:{_line_of(node, e['loc']) or 1}: {_describe(e)}" for e in exc.errors()]
        raise DataFileError("\n".join(lines[:10])) from None
    return data
