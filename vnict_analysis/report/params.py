"""The book's parameters checked against the data: an entity is resolved through the registry's
aliases ("Danang", "Đà Nẵng" -> "Da Nang") or rejected with the list of known entities; languages
must be ones the articles are in. The same lists feed the re-running page, so the valid values a user
reads are the ones the check accepts."""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from ..datafiles import check_lang
from ..errors import ParameterError, UnknownLanguageError
from ..people.registry import load_registry, norm
from .format import join_words, language_name


def known_entities(facts: pd.DataFrame | None = None, resources: Any = None) -> list[str]:
    """Entities a book can be about: the registry's places and every entity the facts name."""
    names = {str(p["name"]) for p in load_registry(resources).places}
    if facts is not None and "entity" in facts:
        names |= {str(e) for e in facts["entity"].dropna()}
    return sorted(names)


def resolve_entity(name: str | None, facts: pd.DataFrame | None = None, resources: Any = None) -> str | None:
    """The canonical entity written `name` (matched on the registry's aliases, ignoring case, spaces
    and diacritic composition); None stays None (every entity).

    Raises
    ------
    ParameterError
        When no registered place or fact entity is written so; the message lists the known ones.
    """
    if name is None:
        return None
    key = norm(name)
    entities = known_entities(facts, resources)
    for e in entities:
        if norm(e) == key:
            return e
    for p in load_registry(resources).places:
        if key in {norm(a) for a in p.get("aliases", [])}:
            return str(p["name"])
    raise ParameterError(f"unknown entity {name!r}; known entities: {', '.join(entities)}")


def check_languages(languages: Iterable[str] | None, present: Iterable[str]) -> list[str] | None:
    """The language codes normalised, each known to CLDR and held by at least one article.

    Raises
    ------
    ParameterError
        For a code CLDR does not know or no article is in; the message lists the languages present.
    """
    if languages is None:
        return None
    if isinstance(languages, str):
        languages = [languages]
    present = sorted(set(present))
    listing = join_words(f"{c} ({language_name(c)})" for c in present)
    out = []
    for code in languages:
        try:
            c = check_lang(code)
        except UnknownLanguageError:
            raise ParameterError(f"unknown language code {code!r}; the articles are in: {listing}") from None
        if c not in present:
            raise ParameterError(f"no article is in {language_name(c)} ({c!r}); the articles are in: {listing}")
        out.append(c)
    if not out:
        raise ParameterError(f"languages is an empty list (use null for every language); the articles are in: {listing}")
    return out


def check_params(params: dict, articles: pd.DataFrame, facts: pd.DataFrame | None = None,
                 resources: Any = None) -> dict:
    """`params` with the entity resolved and the languages checked against `articles`."""
    out = dict(params)
    out["entity"] = resolve_entity(params.get("entity"), facts, resources)
    out["languages"] = check_languages(params.get("languages"), articles["lang"].dropna().astype(str))
    return out


def valid_values_markdown(articles: pd.DataFrame, facts: pd.DataFrame, resources: Any = None) -> str:
    """A Markdown section listing the values the parameters accept, computed from the data."""
    langs = articles["lang"].value_counts()
    per_entity = facts.groupby("entity").agg(n=("fact_id", "size"), years=("period", lambda s: sorted(
        {int(y) for y in s.dropna()}))) if len(facts) else pd.DataFrame(columns=["n", "years"])
    lines = ["## Valid values", "",
             "Computed from the articles and the data files when the book is built.", "",
             "**languages** — the codes of the languages the articles are in:", ""]
    lines += [f"- `{c}` — {language_name(c)}, {n} article{'s' if n != 1 else ''}" for c, n in langs.items()]
    lines += ["", "**entity** — a place the facts are about; any alias listed in "
              "`vnict_analysis/data/entities.yaml` is accepted and resolved to its name:", ""]
    for e in known_entities(facts, resources):
        if e in per_entity.index:
            row = per_entity.loc[e]
            years = ", ".join(str(y) for y in row["years"]) or "no year"
            lines.append(f"- {e} — {row['n']} fact{'s' if row['n'] != 1 else ''} (periods: {years})")
    registered = known_entities(None, resources)
    n_other = len(registered) - sum(e in per_entity.index for e in registered)
    lines += ["", f"The registry knows {n_other} further places with no fact in these articles; a book about "
              "one of them builds, and says it has no figure.", ""]
    return "\n".join(lines)


def display_path(path: str, root: str | None = None) -> str:
    """A path as the book names it: relative to the project (`root`, default the working folder)
    when inside it, else only its last two parts ("…/batch/articles"): the pages say which folder and
    file were used without printing a machine's layout."""
    from pathlib import Path

    p = Path(path)
    base = Path(root) if root else Path.cwd()
    try:
        return str(p.resolve().relative_to(base.resolve()))
    except ValueError:
        return "…/" + "/".join(p.parts[-2:]) if len(p.parts) > 2 else str(p)
