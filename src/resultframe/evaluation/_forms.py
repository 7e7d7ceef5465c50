"""The form of a rule for plain numbers, generated from the rule's own source.

The rules of :mod:`~resultframe.evaluation._kernels` are written once, for
numbers and whole columns alike: their choices are calls of ``ops.where``,
``ops.select`` and ``ops.not_`` (numpy's ``where``, ``select`` and
``logical_not`` on columns). On one subject's numbers such a call costs a
function call and computes both of its values; :func:`plain_forms` compiles each
rule a second time with every choice turned into Python's own conditional
expression:

- ``ops.where(c, a, b)`` becomes ``(a if c else b)``;
- ``ops.select((c1, c2), (x1, x2), d)`` becomes ``(x1 if c1 else x2 if c2 else d)``;
- ``ops.not_(c)`` becomes ``(not c)``, and ``ops.scalar`` becomes ``True``.

Nothing else changes: the same arithmetic in the same order, so the plain form
gives exactly what the rule gives with :data:`~resultframe.evaluation._kernels.SCALAR`
(a property test holds them equal). The forms keep the file and line numbers of
the source, so tracebacks and coverage point at the rule as written.
"""

from __future__ import annotations
import __future__

import ast
import inspect
import textwrap
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["plain_forms"]

_OPS = "ops"


def _is_ops(node: ast.AST, attr: str | None = None) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == _OPS
        and (attr is None or node.attr == attr)
    )


class _Plain(ast.NodeTransformer):
    """Turns the ``ops`` choices of a rule into Python's own."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f = node.func
        if _is_ops(f, "where"):
            cond, yes, no = node.args
            return ast.copy_location(ast.IfExp(test=cond, body=yes, orelse=no), node)
        if _is_ops(f, "not_"):
            (cond,) = node.args
            return ast.copy_location(ast.UnaryOp(op=ast.Not(), operand=cond), node)
        if _is_ops(f, "select"):
            conds, choices, default = node.args
            if not (isinstance(conds, ast.Tuple) and isinstance(choices, ast.Tuple)):
                msg = "ops.select takes tuples written out in the rule"
                raise TypeError(msg)
            out: ast.expr = default
            for cond, choice in zip(
                reversed(conds.elts), reversed(choices.elts), strict=True
            ):
                out = ast.IfExp(test=cond, body=choice, orelse=out)
            return ast.copy_location(out, node)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if _is_ops(node, "scalar"):
            return ast.copy_location(ast.Constant(value=True), node)
        return node


def _plain_form(rule: Callable[..., Any], namespace: dict[str, Any]) -> Any:  # noqa: ANN401
    try:
        source = inspect.getsource(rule)
    except (OSError, TypeError):  # pragma: no cover - installed without sources
        return rule  # the rule itself, with the scalar choices: slower, the same
    tree = ast.parse(textwrap.dedent(source))
    (func,) = tree.body
    if not isinstance(func, ast.FunctionDef):  # pragma: no cover - a rule is a def
        msg = f"{rule.__name__} is not a function definition"
        raise TypeError(msg)
    func.decorator_list = []
    tree = _Plain().visit(tree)
    for node in ast.walk(tree):
        if _is_ops(node):
            msg = f"{rule.__name__}: ops.{node.attr} has no form for plain numbers"  # type: ignore[attr-defined]
            raise TypeError(msg)
    ast.fix_missing_locations(tree)
    ast.increment_lineno(tree, rule.__code__.co_firstlineno - 1)
    code = compile(
        tree,
        rule.__code__.co_filename,
        "exec",
        flags=__future__.annotations.compiler_flag,
        dont_inherit=True,
    )
    local: dict[str, Any] = {}
    exec(code, namespace, local)  # noqa: S102 - the library's own rule, recompiled
    form = local[rule.__name__]
    form.__doc__ = rule.__doc__
    form.__qualname__ = f"{rule.__qualname__} (plain form)"
    return form


def plain_forms(*rules: Callable[..., Any]) -> SimpleNamespace:
    """The plain forms of *rules*, by name; they call each other's plain forms.

    The rules must come from one module; their forms run in a copy of its
    namespace in which the rules' names are their plain forms.
    """
    namespace = dict(rules[0].__globals__)
    forms = {rule.__name__: _plain_form(rule, namespace) for rule in rules}
    namespace.update(forms)
    return SimpleNamespace(**forms)
