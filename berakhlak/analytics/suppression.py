"""Small-group suppression over a unit tree (DESIGN.md "Index method": suppression).

A group is a unit with its whole subtree. A group with fewer than ``min_group`` respondents shows no
numbers (primary suppression). Because a parent's numbers minus its visible children's numbers
describe the rest, more groups are hidden where that rest would be a small group (complementary
suppression, the "strong"/"enhanced" mode of commercial survey tools), at every level.

Guarantee, checked with hypothesis over random trees: for every visible group, the respondents not
covered by its *visible frontier* — the visible groups below it reached through hidden groups only —
number either 0 or at least ``min_group``. This implies the narrower rule of issue #3 stated for the
visible *child* groups: a hidden child that has visible descendants is itself at least ``min_group``.

Tie-break (deterministic): the frontier group hidden first is one whose own uncovered rest is at
least ``min_group`` (one hide then suffices), the smallest such; otherwise the smallest group.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

Node = Hashable
N = TypeVar("N", bound=Hashable)  # the node type of one tree, kept through the generic helpers


@dataclass(frozen=True)
class Suppression:
    totals: dict[Node, int]  # node -> respondents of the node and its subtree
    visible: frozenset[Node]
    primary: frozenset[Node]  # hidden: fewer than min_group respondents
    complementary: frozenset[Node]  # hidden: would let a small group be computed by subtraction

    def is_visible(self, node: Node) -> bool:
        return node in self.visible


def _children(parent: Mapping[N, N | None]) -> dict[N, list[N]]:
    children: dict[N, list[N]] = {node: [] for node in parent}
    for node, up in parent.items():
        if up is not None:
            if up not in parent:
                raise ValueError(f"parent {up!r} of {node!r} is not a node")
            children[up].append(node)
    return children


def depth_order(parent: Mapping[N, N | None]) -> list[N]:
    """Ns ordered root first (breadth by level), iteratively; raises on a cycle."""
    children = _children(parent)
    order = [n for n, up in parent.items() if up is None]
    i = 0
    while i < len(order):
        order.extend(children[order[i]])
        i += 1
    if len(order) != len(parent):
        raise ValueError("the parent mapping has a cycle")
    return order


def subtree_totals(parent: Mapping[N, N | None], direct: Mapping[N, int]) -> dict[N, int]:
    """Respondents of each node with its whole subtree, bottom-up in one pass."""
    totals = {n: int(direct.get(n, 0)) for n in parent}
    if any(v < 0 for v in totals.values()):
        raise ValueError("respondent counts cannot be negative")
    for node in reversed(depth_order(parent)):
        up = parent[node]
        if up is not None:
            totals[up] += totals[node]
    return totals


def suppress(parent: Mapping[Node, Node | None], direct: Mapping[Node, int], min_group: int) -> Suppression:
    """Decide which groups may show numbers. ``parent`` maps each node to its parent (None for roots);
    ``direct`` gives the respondents placed directly in each node."""
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    children = _children(parent)
    order = depth_order(parent)
    totals = subtree_totals(parent, direct)
    primary = {n for n in parent if totals[n] < min_group}
    visible = set(parent) - primary
    complementary: set[Node] = set()

    def frontier(node: Node) -> list[Node]:
        found, stack = [], list(children[node])
        while stack:
            child = stack.pop()
            if child in visible:
                found.append(child)
            else:
                stack.extend(children[child])
        return found

    def rest(node: Node, front: list[Node]) -> int:
        return totals[node] - sum(totals[d] for d in front)

    for node in reversed(order):  # deepest first: a group's subtree is settled before the group
        if node not in visible:
            continue
        front = frontier(node)
        remaining = rest(node, front)
        while 0 < remaining < min_group:
            rests = {d: rest(d, frontier(d)) for d in front}
            enough = [d for d in front if rests[d] >= min_group]
            pool = enough or front
            hide = min(pool, key=lambda d: (totals[d], repr(d)))
            visible.discard(hide)
            complementary.add(hide)
            front = [d for d in front if d != hide] + frontier(hide)
            remaining += rests[hide]
    return Suppression(totals=totals, visible=frozenset(visible), primary=frozenset(primary),
                       complementary=frozenset(complementary))


def uncovered(parent: Mapping[Node, Node | None], result: Suppression, node: Node, *, frontier_only: bool = True) -> int:
    """Respondents of a visible ``node`` not covered by its visible frontier (or, with
    ``frontier_only=False``, by its visible children only). Used by the tests and the reports."""
    children = _children(parent)
    if not frontier_only:
        return result.totals[node] - sum(result.totals[c] for c in children[node] if c in result.visible)
    covered, stack = 0, list(children[node])
    while stack:
        child = stack.pop()
        if child in result.visible:
            covered += result.totals[child]
        else:
            stack.extend(children[child])
    return result.totals[node] - covered


def suppress_subtree_counts(parent: Mapping[Node, Node | None], subtree: Mapping[Node, int],
                            min_group: int) -> Suppression:
    """``suppress`` from the respondents of each node *with its subtree* (what SQL over a closure
    table returns): the direct counts are each node's count minus its children's."""
    direct = {node: int(subtree.get(node, 0)) for node in parent}
    for node, up in parent.items():
        if up is not None:
            direct[up] -= int(subtree.get(node, 0))
    return suppress(parent, direct, min_group)
