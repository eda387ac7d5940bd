"""The project's exceptions: one base class, a subclass per kind of user mistake.

The CLI maps each to an exit code (`EXIT_CODES`); no YAML, pydantic or pandera exception reaches a
user as a traceback. The classes also derive from the built-in exception a caller would catch
(`ValueError`, `FileNotFoundError`), so ``except ValueError`` keeps working.
"""
from __future__ import annotations


class VnictError(Exception):
    """Base class of every error the package raises on purpose."""

    exit_code = 2


class DataFileError(VnictError, ValueError):
    """A data file (lexicon, indicators, entities, sources, parameters) is malformed; the message
    names the file, the line and the offending key."""


class UnknownLanguageError(VnictError, ValueError):
    """A language code CLDR does not know."""


class NotANumberError(VnictError, ValueError):
    """A text that does not read as a number."""


class InputError(VnictError, FileNotFoundError, ValueError):
    """A path or option given by the user cannot be used (missing path, bad output suffix...)."""


class ParameterError(VnictError, ValueError):
    """A book or notebook parameter names something the data does not hold (an unknown entity, a
    language no article is in); the message lists the valid values."""


class NoArticlesError(VnictError):
    """No readable article among the inputs."""

    exit_code = 3


class SchemaError(VnictError):
    """A table does not match its declared schema (a bug in a step, not a user mistake)."""

    exit_code = 1


class ExtractionError(VnictError):
    """A step's rules broke on one article (a bug met on unusual text); the message names the
    article. The CLI and `pipeline.run` list such an article among the skipped and go on."""

    exit_code = 1


#: Documented exit codes of the command line, by error class.
EXIT_CODES = {DataFileError: 2, UnknownLanguageError: 2, NotANumberError: 2, InputError: 2, ParameterError: 2,
              NoArticlesError: 3, SchemaError: 1, ExtractionError: 1}
