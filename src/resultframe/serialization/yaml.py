"""YAML documents, for frameworks written by hand (the ``yaml`` extra: PyYAML).

A YAML document holds the same data as the JSON document. Loading is safe and
strict:

- only plain data: no tags other than the standard ones, no anchors or aliases;
- scalars are typed as in YAML 1.2 (``true``/``false``, ``null``, numbers);
  ``yes``, ``no``, ``on`` and ``off`` are text, so a key named ``on`` stays a key;
  dates stay text (``2025-01-01``) and are read by the document rules;
- a key may occur only once in a mapping;
- every error gives the path and the line: ``message @ $.results[0].id (line 12)``.

PyYAML is imported only when these functions are called.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidDocument, InvalidValue, MissingExtra
from resultframe.serialization.documents import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    _check_kind,
    _load,
    raise_invalid,
    to_dict,
)
from resultframe.serialization.migrations import MIGRATIONS

if TYPE_CHECKING:
    from types import ModuleType

    from resultframe.serialization.documents import Document, Kind
    from resultframe.serialization.migrations import Migrations

__all__ = ["dump_yaml", "load_yaml"]

_TAG: Final = "tag:yaml.org,2002:"
# YAML 1.2 core schema, without octal and hexadecimal numbers.
_RESOLVERS: Final = (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "float",
        (
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+0123456789."),
    ),
)
_SEGMENT: Final = re.compile(r"(?:\.[^.\[]+|\[[0-9]+\])$")
_classes: dict[str, Any] = {}


def _yaml() -> ModuleType:
    try:
        import yaml  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the test extra installs PyYAML
        raise MissingExtra("yaml", "yaml", "reading and writing YAML") from None
    return yaml


def _loader(yaml: ModuleType) -> Any:  # noqa: ANN401
    if "loader" not in _classes:

        class Loader(yaml.SafeLoader):  # type: ignore[name-defined,misc]
            """SafeLoader with YAML 1.2 core scalars."""

        Loader.yaml_implicit_resolvers = {}
        for tag, pattern, first in _RESOLVERS:
            Loader.add_implicit_resolver(_TAG + tag, re.compile(pattern), first)
        _classes["loader"] = Loader
    return _classes["loader"]


def _dumper(yaml: ModuleType) -> Any:  # noqa: ANN401
    if "dumper" not in _classes:

        class Dumper(yaml.SafeDumper):  # type: ignore[name-defined,misc]
            """SafeDumper that quotes what YAML 1.1 or 1.2 would read as non-text."""

        Dumper.yaml_implicit_resolvers = {
            k: list(v) for k, v in yaml.SafeDumper.yaml_implicit_resolvers.items()
        }
        for tag, pattern, first in _RESOLVERS:
            Dumper.add_implicit_resolver(_TAG + tag, re.compile(pattern), first)
        Dumper.add_representer(str, _represent_text)
        _classes["dumper"] = Dumper
    return _classes["dumper"]


def _is_special(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029\ufeff"


def _represent_text(dumper: Any, text: str) -> Any:  # noqa: ANN401
    # YAML folds NEL and the Unicode line separators in plain and single-quoted
    # scalars; double quotes escape them, so the text reads back unchanged.
    style = '"' if any(map(_is_special, text)) else None
    return dumper.represent_scalar(_TAG + "str", text, style=style)


def dump_yaml(obj: Document) -> str:
    """Return the document of *obj* as YAML, keys in attribute order.

    :func:`load_yaml` reads it back to an equal object.

    Raises:
        InvalidValue: *obj* is not a framework, records or an evaluation.
    """
    yaml = _yaml()
    text: str = yaml.dump(
        to_dict(obj),
        Dumper=_dumper(yaml),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text


def load_yaml(  # noqa: PLR0913
    data: str | bytes,
    *,
    kind: Kind | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    allow_bsn_like_ids: bool = False,
    migrations: Migrations = MIGRATIONS,
) -> Document:
    """Load a framework (or records, or an evaluation) from a YAML document.

    >>> load_yaml('''
    ... format: resultframe/records
    ... version: 1
    ... assessments:
    ...   - condition: method
    ...     on: 2025-03-01
    ...     status: sort of
    ... ''')
    Traceback (most recent call last):
    ...
    resultframe.errors.InvalidDocument: invalid document: 1 problem
      - expected one of 'met', 'partly_met', 'not_met', got 'sort of' @ $.assessments[0].status (line 7)

    The options are those of :func:`~resultframe.serialization.loads`.

    Raises:
        InvalidDocument: the text is not safe, plain YAML or not a valid document;
            each of ``.errors`` ends with the line it is about.
    """
    _check_kind(kind)
    _json.check_limits(max_bytes, max_depth)
    if not isinstance(data, str | bytes):
        raise InvalidValue(
            "data", type(data).__name__, "expected YAML text as str or bytes"
        )
    size = len(data.encode("utf-8", "replace")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise InvalidDocument(
            [
                (
                    f"document of {size} bytes is larger than the limit of {max_bytes} "
                    "bytes (pass a larger max_bytes to load it) @ $"
                )
            ]
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InvalidDocument(
                [f"not UTF-8 text: invalid byte at offset {e.start} @ $"]
            ) from None
    yaml = _yaml()
    try:
        root = yaml.compose(data, Loader=_loader(yaml))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InvalidDocument(
            [f"invalid YAML: {e.problem or e.context}{where} @ $"]
        ) from None
    except yaml.YAMLError as e:
        raise InvalidDocument([f"invalid YAML: {e} @ $"]) from None
    except RecursionError:
        raise InvalidDocument(
            ["invalid YAML: nested too deeply to parse @ $"]
        ) from None
    if root is None:
        raise InvalidDocument(["expected a document, got an empty YAML text @ $"])
    walker = _Walker(yaml, max_depth)
    value = walker.value(root, "$", 1)
    if walker.errors:
        raise_invalid(walker.errors)
    try:
        return _load(
            value,
            kind=kind,
            allow_bsn_like_ids=allow_bsn_like_ids,
            migrations=migrations,
        )
    except InvalidDocument as e:
        raise InvalidDocument([walker.locate(error) for error in e.errors]) from None


class _Walker:
    """Turns composed YAML nodes into JSON data, remembering the line of each path."""

    def __init__(self, yaml: ModuleType, max_depth: int) -> None:
        self.yaml = yaml
        self.max_depth = max_depth
        self.lines: dict[str, int] = {}
        self.errors: list[str] = []
        self.seen: set[int] = set()

    def error(self, message: str, path: str, node: Any) -> None:  # noqa: ANN401
        self.errors.append(f"{message} @ {path} (line {node.start_mark.line + 1})")

    def value(self, node: Any, path: str, depth: int) -> Any:  # noqa: ANN401
        yaml = self.yaml
        self.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.seen:
            self.error("YAML aliases (*name) are not allowed", path, node)
            return None
        self.seen.add(id(node))
        if depth > self.max_depth:
            self.error(
                f"nested deeper than the limit of {self.max_depth} levels", path, node
            )
            return None
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                self.error(f"YAML tags are not allowed (got {tag})", path, node)
                return None
            return [
                self.value(item, f"{path}[{i}]", depth + 1)
                for i, item in enumerate(node.value)
            ]
        if tag != _TAG + "map":
            self.error(f"YAML tags are not allowed (got {tag})", path, node)
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag != _TAG + "str"
            ):
                self.error("expected a text key", path, key_node)
                continue
            key = key_node.value
            if key in out:
                self.error(
                    f"key {key!r} occurs more than once in this mapping", path, key_node
                )
                continue
            if id(value_node) in self.seen:  # an alias: report it where it is used
                self.error(
                    "YAML aliases (*name) are not allowed", f"{path}.{key}", key_node
                )
                continue
            out[key] = self.value(value_node, f"{path}.{key}", depth + 1)
        return out

    def scalar(self, node: Any, path: str) -> Any:  # noqa: ANN401
        tag = node.tag.removeprefix(_TAG)
        text = node.value
        if tag == "str":
            return text
        if tag == "null":
            return None
        if tag == "bool" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if tag == "float" and text.lstrip("+-").lower() in (".inf", ".nan"):
            self.error(f"expected a finite number, got {text!r}", path, node)
            return None
        try:
            if tag == "int":
                return int(text)
            if tag == "float":
                return float(text)
        except ValueError:
            self.error(f"expected a {tag}, got {text[:40]!r}", path, node)
            return None
        self.error(f"YAML tags are not allowed (got {node.tag})", path, node)
        return None

    def locate(self, error: str) -> str:
        """Add the line of the path an error is about (or of its nearest parent)."""
        message, sep, path = error.rpartition(" @ ")
        if not sep:
            return error
        probe = path
        while probe:
            line = self.lines.get(probe)
            if line is not None:
                return f"{message} @ {path} (line {line})"
            shorter = _SEGMENT.sub("", probe)
            if shorter == probe:
                break
            probe = shorter
        return error
