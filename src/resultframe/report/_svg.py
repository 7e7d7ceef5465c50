"""Vega-Lite specs rendered to SVG, with nothing in them that fetches anything.

Rendering needs `vl-convert-python` (the ``report`` extra), imported only here
and only when a chart is rendered. The SVG is cleaned before it is returned: an
attribute or style that points outside the SVG (``href``, ``src``, ``url(...)``
other than ``url(#id)``, ``@import``, ``@font-face``), an event handler and the
elements that embed other documents (``script``, ``foreignObject``, ``image``,
``iframe``, ...) are removed, and the result is checked to be well-formed XML with
no such reference left. An SVG in an HTML report therefore never makes a request.
"""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from resultframe.errors import InvalidValue, MissingExtra

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["MissingExtra", "available", "inline", "sanitize", "to_svg", "xml_safe"]

INSTALL: Final = "pip install 'resultframe[report]'"
"""How to install what rendering charts needs."""


def _converter() -> ModuleType:
    try:
        return importlib.import_module("vl_convert")
    except ImportError:
        raise MissingExtra("report", "vl_convert", "rendering charts to SVG") from None


def available() -> bool:
    """Whether charts can be rendered to SVG here (vl-convert-python is installed)."""
    try:
        _converter()
    except MissingExtra:
        return False
    return True


def _v5(converter: ModuleType) -> str | None:
    """The newest Vega-Lite 5 that vl-convert ships (our specs are v5), if any."""
    versions = [v for v in converter.get_vegalite_versions() if str(v).startswith("5.")]
    return (
        max(versions, key=lambda v: tuple(int(p) for p in v.split(".")))
        if versions
        else None
    )


_EMBEDS: Final = re.compile(
    r"<(script|foreignObject|iframe|object|embed|image|audio|video)\b"
    r"(?:[^>]*/>|.*?</\1\s*>)",
    re.DOTALL | re.IGNORECASE,
)
_LINKS: Final = re.compile(
    r"""\s(?:[\w-]+:)?(?:href|src)\s*=\s*(?:"(?!\#)[^"]*"|'(?!\#)[^']*')""",
    re.IGNORECASE,
)
_HANDLERS: Final = re.compile(r"""\son\w+\s*=\s*(?:"[^"]*"|'[^']*')""", re.IGNORECASE)
_URLS: Final = re.compile(r"url\(\s*(?!['\"]?#)[^)]*\)", re.IGNORECASE)
_AT_RULES: Final = re.compile(
    r"@(?:import|font-face)\b[^;{]*(?:;|\{[^}]*\})", re.IGNORECASE
)
_FORBIDDEN: Final = frozenset(
    {"script", "foreignobject", "iframe", "object", "embed", "image", "audio", "video"}
)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _check(svg: str) -> None:
    """Raise unless *svg* is well-formed and refers to nothing outside itself."""
    try:
        root = ET.fromstring(svg)  # noqa: S314 - our own renderer's output, no DTD
    except ET.ParseError as e:
        raise InvalidValue(
            "svg", f"<{len(svg)} characters>", f"expected well-formed SVG: {e}"
        ) from None
    for element in root.iter():
        if _local(element.tag) in _FORBIDDEN:
            raise InvalidValue(
                "svg", _local(element.tag), "expected no embedded content"
            )
        for key, value in element.attrib.items():
            name = _local(key)
            if name in {"href", "src"} and not value.startswith("#"):
                raise InvalidValue("svg", value, "expected no external reference")
            if name.startswith("on") or _URLS.search(value):
                raise InvalidValue("svg", name, "expected no handler or url()")
    if _AT_RULES.search(svg):
        raise InvalidValue("svg", "@import", "expected no @import or @font-face")


def sanitize(svg: str) -> str:
    """Remove everything from *svg* that could fetch or run something, and check it.

    Raises:
        InvalidValue: the SVG is not well-formed XML.
    """
    out = _EMBEDS.sub("", svg)
    out = _LINKS.sub("", out)
    out = _HANDLERS.sub("", out)
    out = _URLS.sub("none", out)
    out = _AT_RULES.sub("", out)
    _check(out)
    return out


def inline(svg: str) -> str:
    """Make a standalone SVG fit inside HTML: no XML namespace declarations.

    An ``<svg>`` inside an HTML document is in the SVG namespace by itself.
    """
    return re.sub(r'\sxmlns(?::\w+)?="[^"]*"', "", svg, count=0)


# What XML 1.0 allows in text (everything from U+0020 on but surrogates, U+FFFE
# and U+FFFF), less the C1 controls, which no chart text needs. The renderer
# aborts the whole process on anything else. Tabs and line breaks (which XML
# allows) become spaces: in a title or label inside Vega's expressions they break
# the spec.
_NOT_XML: Final = re.compile(
    "[^\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_BREAKS: Final = re.compile("[\t\n\r]+")


def xml_safe(value: object) -> object:
    r"""*value* with each string in it made one line of characters XML can hold.

    Tabs and line breaks become one space; other control characters (C0 and C1),
    surrogates and non-characters are removed. Strings in dicts (keys and values),
    lists and tuples are cleaned; other values are returned as they are.
    Framework texts come from outside, and a control character in one of them
    must not reach the renderer.

    >>> xml_safe({"title": "Wijk\x01 Noord", "values": [{"x": "a\x0bb\r\nc"}]})
    {'title': 'Wijk Noord', 'values': [{'x': 'ab c'}]}
    """
    if isinstance(value, str):
        return _NOT_XML.sub("", _BREAKS.sub(" ", value))
    if isinstance(value, Mapping):
        return {xml_safe(k): xml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [xml_safe(v) for v in value]
    return value


def to_svg(spec: Mapping[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text, with no external reference in it.

    Data must be inline (``"data": {"values": [...]}``): no URL is fetched. The
    SVG uses the generic ``sans-serif`` font and embeds no images. Characters XML
    cannot hold are removed from every text in the spec first (:func:`xml_safe`).

    Raises:
        MissingExtra: vl-convert-python is not installed
            (``pip install 'resultframe[report]'``).
        InvalidValue: *spec* is not a mapping, or vl-convert cannot render it.
    """
    if not isinstance(spec, Mapping):
        raise InvalidValue(
            "spec", f"<{type(spec).__name__}>", "expected a Vega-Lite spec (a dict)"
        )
    converter = _converter()
    try:
        svg: str = converter.vegalite_to_svg(
            xml_safe(spec), vl_version=_v5(converter), allowed_base_urls=[]
        )
    except ValueError as e:
        first = str(e).strip().splitlines()
        reason = first[1] if len(first) > 1 else (first[0] if first else "")
        raise InvalidValue(
            "spec",
            "<dict>",
            f"expected a spec vl-convert can render ({reason.strip()})",
        ) from None
    return sanitize(svg)
