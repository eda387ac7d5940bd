"""Where the language and reference data come from: one `Resources` object per data folder,
passed down to every step, holding the parsed files so each is read once.

The default folder is the package's own data (``vnict_analysis/data``, read with
`importlib.resources`, so an installed wheel has it), or the folder named by the environment
variable ``VNICT_DATA_DIR`` at the moment `default_resources` is called. Caches live on the
object, keyed by what they hold, never on a module-level ``data_dir=None``.
"""
from __future__ import annotations

import importlib.resources
import os
import threading
from pathlib import Path
from typing import Any, Callable

from .errors import InputError

_LOCK = threading.Lock()
_BY_FOLDER: dict[Path, "Resources"] = {}


def package_data_dir() -> Path:
    """The data folder shipped inside the package (lexicons, indicators, entities)."""
    return Path(str(importlib.resources.files("vnict_analysis") / "data"))


class Resources:
    """The data folder of a run and the files parsed from it.

    Parameters
    ----------
    data_dir
        Folder holding ``lexicons/``, ``indicators.yaml`` and ``entities.yaml``.

    Use `Resources.at` (one object per folder) or `default_resources`; `cached` builds a value
    once per key (a lexicon per language, the indicators, the registry...).
    """

    def __init__(self, data_dir: str | Path):
        self.data_dir = Path(data_dir).resolve()
        if not self.data_dir.is_dir():
            raise InputError(f"data folder not found: {self.data_dir}")
        self._cache: dict[Any, Any] = {}
        self._lock = threading.RLock()
        self._signature = self.signature()

    def __repr__(self) -> str:
        return f"Resources({str(self.data_dir)!r})"

    def __reduce__(self):  # worker processes rebuild the object (and its caches) from the folder
        return (Resources.at, (str(self.data_dir),))

    @classmethod
    def at(cls, data_dir: str | Path) -> "Resources":
        """The one `Resources` of `data_dir` in this process; its caches are emptied when a data
        file changed since they were filled (a user edited a lexicon between two calls)."""
        key = Path(data_dir).resolve()
        with _LOCK:
            if key not in _BY_FOLDER:
                _BY_FOLDER[key] = cls(key)
            else:
                _BY_FOLDER[key].refresh_if_changed()
            return _BY_FOLDER[key]

    def signature(self) -> tuple:
        """(name, size, mtime) of every YAML data file: what the caches were built from."""
        files = sorted(self.data_dir.glob("*.yaml")) + sorted(self.data_dir.glob("lexicons/*.yaml"))
        out = []
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            out.append((f.name, st.st_size, st.st_mtime_ns))
        return tuple(out)

    def refresh_if_changed(self) -> None:
        """Empty the caches if a data file was added, removed or edited."""
        sig = self.signature()
        with self._lock:
            if sig != self._signature:
                self._cache.clear()
                self._signature = sig

    def path(self, *parts: str) -> Path:
        """A file or folder inside the data folder."""
        return self.data_dir.joinpath(*parts)

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """The value stored under `key`, built by `build()` the first time."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]


def default_resources() -> Resources:
    """The package's data, or ``$VNICT_DATA_DIR`` when set (read now, not cached)."""
    env = os.environ.get("VNICT_DATA_DIR")
    return Resources.at(env if env else package_data_dir())


def as_resources(res: "Resources | str | Path | None") -> Resources:
    """Accept a `Resources`, a folder path, or None (the default)."""
    if res is None:
        return default_resources()
    if isinstance(res, Resources):
        return res
    return Resources.at(res)
