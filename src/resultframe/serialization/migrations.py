"""Document versions and the migrations between them.

Every document says its format and version (``{"format": "resultframe/framework",
"version": 1, ...}``). When the shape of a kind of document changes, its version
goes up by one and a *step* is added: a small function that turns a document of
the previous version into one of the new version. On load, steps are applied one
after another, from the document's version up to the current one. A document
newer than this library knows is refused.

Steps so far:

- ``evaluation`` 1 to 2: version 2 gives every indicator status, condition state
  and verdict its reason (:mod:`~resultframe.evaluation.reasons`). A version 1
  document gets them from its own figures, as the evaluation would have given
  them; a verdict that today's rule would not give keeps no reason.

The tests prove the mechanism with registries of their own too, and
``docs/documents.md`` shows how to add a step.
"""

from __future__ import annotations

import copy
import types
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeAlias

import attrs

from resultframe._canonical import CURRENT_VERSIONS
from resultframe.errors import InvalidDocument, InvalidValue

__all__ = ["CURRENT_VERSIONS", "MIGRATIONS", "Migrations", "Step"]

Step: TypeAlias = Callable[[dict[str, Any]], dict[str, Any]]
"""A migration step: a document of version *n* in, one of version *n + 1* out.

A step must not change its argument; it returns a new dict. It need not set
``version``: the registry does.
"""


def _frozen_mapping(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class Migrations:
    """A registry of migration steps, per kind of document, up to its current version.

    Immutable: :meth:`with_step` returns a new registry. Pass one to the loaders'
    ``migrations`` argument to load with other steps (tests do this).

    >>> def rename_title(document):
    ...     out = {k: v for k, v in document.items() if k != "title"}
    ...     return {**out, "name": document["title"]}
    >>> registry = Migrations({"framework": 2}).with_step("framework", 1, rename_title)
    >>> registry.upgrade("framework", {"format": "resultframe/framework",
    ...                                "version": 1, "title": "Wmo"})
    {'format': 'resultframe/framework', 'version': 2, 'name': 'Wmo'}

    Args:
        current: The current version of each kind.
        steps: The step from each (kind, version) to the next version.
    """

    current: Mapping[str, int] = attrs.field(converter=_frozen_mapping)
    steps: Mapping[tuple[str, int], Step] = attrs.field(
        factory=dict, converter=_frozen_mapping
    )

    def __attrs_post_init__(self) -> None:
        for kind, version in self.current.items():
            if not isinstance(kind, str):
                raise InvalidValue("current", kind, "expected kinds as strings")
            if isinstance(version, bool) or not isinstance(version, int) or version < 1:
                raise InvalidValue(
                    f"current[{kind!r}]", version, "expected a version of 1 or more"
                )
        for key, step in self.steps.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InvalidValue("steps", key, "expected (kind, version) keys")
            kind, version = key
            if isinstance(version, bool) or not isinstance(version, int):
                raise InvalidValue(
                    f"steps[{key!r}]", version, "expected a whole number"
                )
            if kind not in self.current:
                raise InvalidValue("steps", kind, "expected a kind listed in current")
            if not 1 <= version < self.current[kind]:
                raise InvalidValue(
                    f"steps[{key!r}]",
                    version,
                    f"expected a version from 1 to {self.current[kind] - 1} "
                    f"(the step goes to the next version, at most the current "
                    f"{self.current[kind]})",
                )
            if not callable(step):
                raise InvalidValue(f"steps[{key!r}]", step, "expected a function")

    def with_step(
        self,
        kind: str,
        from_version: int,
        step: Step,
    ) -> Migrations:
        """Return a registry that also has *step* from *from_version* of *kind*."""
        return Migrations(self.current, {**self.steps, (kind, from_version): step})

    def upgrade(self, kind: str, document: dict[str, Any]) -> dict[str, Any]:
        """Return *document* brought to the current version of *kind*.

        A document already at the current version is returned as it is; otherwise
        the steps work on a copy.

        Raises:
            InvalidDocument: the version is not a whole number, is newer than the
                current version, or no step leads from it to the current version,
                or a step fails.
        """
        current = self.current.get(kind)
        if current is None:
            raise InvalidValue(
                "kind", kind, f"expected one of {', '.join(map(repr, self.current))}"
            )
        version = document.get("version")
        if type(version) is not int:
            raise InvalidDocument(
                [f"expected the version as a whole number, got {version!r} @ $.version"]
            )
        if version > current:
            raise InvalidDocument(
                [
                    (
                        f"version {version} of resultframe/{kind} is newer than this "
                        f"resultframe supports ({current}); upgrade resultframe to load "
                        "it @ $.version"
                    )
                ]
            )
        if version < 1:
            raise InvalidDocument(
                [f"expected a version of 1 or more, got {version} @ $.version"]
            )
        if version == current:
            return document
        out = copy.deepcopy(document)
        while version < current:
            step = self.steps.get((kind, version))
            if step is None:
                raise InvalidDocument(
                    [
                        (
                            f"no migration from version {version} to {version + 1} of "
                            f"resultframe/{kind} @ $.version"
                        )
                    ]
                )
            try:
                out = step(out)
            except Exception as e:
                raise InvalidDocument(
                    [
                        (
                            f"migration from version {version} to {version + 1} of "
                            f"resultframe/{kind} failed ({type(e).__name__}) @ $"
                        )
                    ]
                ) from e
            if type(out) is not dict:
                raise InvalidDocument(
                    [
                        (
                            f"migration from version {version} to {version + 1} of "
                            f"resultframe/{kind} did not return an object @ $"
                        )
                    ]
                )
            version += 1
            out = {**out, "version": version}
        return out


def _evaluation_1_to_2(document: dict[str, Any]) -> dict[str, Any]:
    """Give an evaluation of version 1 its reasons, read from its own figures."""
    from resultframe._canonical import converter  # noqa: PLC0415
    from resultframe.evaluation import FrameworkEvaluation, explain  # noqa: PLC0415

    head = {k: document[k] for k in ("format", "version") if k in document}
    body = {k: v for k, v in document.items() if k not in head}
    try:
        found = converter.structure(body, FrameworkEvaluation)
    except Exception:  # noqa: BLE001
        # Not a valid evaluation: left as it is, for the loader to say what is wrong.
        return dict(document)
    return {**head, **converter.unstructure(explain(found), FrameworkEvaluation)}


MIGRATIONS: Final = Migrations(CURRENT_VERSIONS).with_step(
    "evaluation", 1, _evaluation_1_to_2
)
"""The registry the loaders use by default. Add steps here, in the source."""
