"""From a recorded graph to a replay plan: number, fuse, schedule (used by `autograd.jit`).

The engine records one `Value` per scalar op. To run the same graph on numpy
arrays, `Plan.build` makes four passes over it:

1. **Number** the nodes (parents before children) and read each node's op,
   parameters and rule from its record (`ops.Applied`): nothing is re-derived,
   the replay runs the recorded op's ``forward_array`` and the node's ``rule``.
2. **Fuse** chains of ``+`` into n-ary sums. ``((b + p0) + p1) + p2`` records
   three nodes, and the two inner ones are used only by the next ``+``; they
   become one node ``sum(b, p0, p1, p2)``. Only the left spine is fused (what
   ``total = total + term`` records), and the operands are summed left to right,
   so a fused sum computes the very same float as the chain it replaces. This is
   what turns a neuron's ``b + w0*x0 + ...``, a loss averaged over a batch or an
   L2 sum from hundreds of levels into one. (Valid because ``ADD``'s rule sends
   the incoming gradient unchanged to both operands: a chain of k - 1 adds sends
   it unchanged to all k operands.)
3. **Schedule**: a node's level is one more than its deepest operand's (leaves
   are level 0). Nodes of one level never depend on each other.
4. **Group** the nodes of each level by op (and parameters, and number of
   operands), and renumber them so that every group's results are one
   contiguous slice of the value array. A group then runs as one numpy call:
   gather its operands with an int32 index array, compute, write a slice.

Leaves come first in the numbering: the arguments, then the captured variables
(non-constant leaves that are not arguments, e.g. a model's parameters; their
``.data`` is read at every replay), then the constants (baked in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from . import ops
from .graph import topological_order
from .value import Value

SUM = "sum"  # the name a fused chain of + goes by in a plan's groups


class JitError(Exception):
    """Something `autograd.jit` cannot trace or replay, or a replay that differs from eager."""


@dataclass(eq=False)
class Group:
    """Nodes of one level and one op, run as one numpy call.

    Their results are ``values[start:stop]``; ``operands`` is an (arity, size)
    index array: row j holds operand j of every node (a view into its level's
    ``targets``).
    """

    level: int
    op: ops.Op
    params: tuple[float, ...]
    start: int
    stop: int
    operands: Any  # np.ndarray (arity, size) of node numbers
    rule: Any  # the nodes' own rule, unbound: the op's, or its variant for a constant operand

    @property
    def name(self) -> str:
        return SUM if self.op is ops.ADD else self.op.name

    @property
    def size(self) -> int:
        return self.stop - self.start

    @property
    def arity(self) -> int:
        return int(self.operands.shape[0])


@dataclass(eq=False)
class Level:
    """The groups of one level, and all their operands in one index array.

    In the backward pass every group of the level computes what each of its
    operands receives; one ``np.bincount`` over ``targets`` then adds all of it
    into the gradients of the nodes below (summing where a node is the operand
    of many, as a weight shared by every sample). Every operand is numbered
    below ``start``, the level's first node.
    """

    number: int
    start: int
    groups: list[Group]
    targets: Any  # np.ndarray of node numbers: each group's operands, row after row
    low: int = 0  # the targets lie in [low, high)
    high: int = 0

    def scatter_add(self, grads: Any, received: Any) -> None:
        """grads[t] += r for every target t and what it received r (repeats summed)."""
        if self.high - self.low > 8 * len(self.targets) + 64:  # a few targets, far apart
            np.add.at(grads, self.targets, received)
        else:
            span = self.high - self.low
            shifted = self.targets - self.low if self.low else self.targets
            grads[self.low : self.high] += np.bincount(shifted, weights=received, minlength=span)


def _op_key(node: Value) -> tuple[ops.Op, tuple[float, ...], Any]:
    """The node's op, parameters and own rule without its parameters bound (the op's, or
    its variant for a constant operand), read from its record."""
    record = node._applied
    if record is None or record.op is None or ops.OPS.get(record.op.name) is not record.op:
        rule = None if record is None else record.rule
        raise JitError(
            f"jit: cannot replay a node recorded as op {node.op!r}: its rule "
            f"({rule!r}) is not the rule of any op in autograd.ops.OPS"
        )
    rule = record.rule
    return record.op, record.params, rule.func if isinstance(rule, partial) else rule


class Plan:
    """A recorded graph, numbered, fused and grouped by level for replay on arrays.

    Counts: ``traced_nodes`` (as recorded), ``nodes`` (after fusion),
    ``levels``, ``groups``; ``nbytes`` is what the plan holds (index arrays
    and constants; the recorded graph itself is not kept).
    """

    def __init__(
        self,
        n_args: int,
        captured: list[Value],
        constants: Any,
        levels: list[Level],
        outputs: Any,
        nodes: int,
        traced_nodes: int,
    ) -> None:
        self.n_args = n_args
        self.captured = captured
        self.constants = constants
        self.level_list = levels
        self.groups = [g for level in levels for g in level.groups]
        self.outputs = outputs  # the node number of each output
        self.nodes = nodes
        self.traced_nodes = traced_nodes
        self.levels = len(levels)
        self.trace_index: Any = None

    # ------------------------------------------------------------ building

    @staticmethod
    def build(
        outputs: Sequence[Value], arguments: Sequence[Value], keep_index: bool = False
    ) -> Plan:
        """Number, fuse, schedule and group the graph below ``outputs``.

        ``keep_index``: keep each traced node's plan number (-1 when fused away) as
        ``trace_index``, for `jit`'s check mode.
        """
        for leaf in arguments:
            leaf._mark = None  # an argument the outputs do not depend on keeps None
        order = topological_order(*outputs)
        n = len(order)
        for i, node in enumerate(order):
            node._mark = i  # the node's number (the next graph walk overwrites it)
        arg_pos = {}
        for j, leaf in enumerate(arguments):
            arg_pos[id(leaf)] = j

        # Pass 1: each op node's op, parameters and operand numbers; leaves sorted out.
        kind: list[Any] = [None] * n  # (op, params) of an op node, None for a leaf
        operands: list[Any] = [None] * n
        uses = [0] * n
        captured: list[int] = []
        constants: list[int] = []
        add = ops.ADD
        for i, node in enumerate(order):
            if node._applied is None:
                if id(node) not in arg_pos:
                    (constants if node.is_constant else captured).append(i)
                continue
            kind[i] = _op_key(node)
            a, b = node._a, node._b
            assert a is not None  # a node with a record has its first parent
            if b is None:
                operands[i] = [a._mark]
                uses[a._mark] += 1
            else:
                operands[i] = [a._mark, b._mark]
                uses[a._mark] += 1
                uses[b._mark] += 1
        out_ids = [o._mark for o in outputs]
        for o in out_ids:
            uses[o] += 1  # an output is never fused away

        # Pass 2: fuse the left spine of + chains; pass 3: levels.
        level = [0] * n
        live = [False] * n
        for i in range(n):
            k = kind[i]
            if k is None:
                continue
            ins = operands[i]
            if k[0] is add:
                a = ins[0]
                if kind[a] is not None and kind[a][0] is add and uses[a] == 1:
                    spine = operands[a]  # take over the inner sum's operand list
                    spine.append(ins[1])
                    operands[i] = spine
                    operands[a] = None
                    live[a] = False
                    live[i] = True
                    level[i] = max(level[a], 1 + level[ins[1]])
                    continue
            live[i] = True
            level[i] = 1 + max(level[p] for p in ins)

        # Pass 4: group by (level, op, params, arity); renumber.
        keys: dict[tuple[Any, ...], list[int]] = {}
        for i in range(n):
            if live[i]:
                op, params, rule = kind[i]
                key = (level[i], op.name, params, len(operands[i]), rule.__name__)
                keys.setdefault(key, []).append(i)
        new = np.full(n, -1, dtype=np.int64)
        # Argument j is node j, whether the outputs depend on it or not.
        for j, leaf in enumerate(arguments):
            if leaf._mark is not None:
                new[leaf._mark] = j
        others = captured + constants
        new[others] = np.arange(len(arguments), len(arguments) + len(others))
        position = len(arguments) + len(others)
        ordered = sorted(keys.items(), key=lambda item: (item[0][0], item[0][1], item[0][2:]))
        spans = []
        for key, members in ordered:
            new[members] = np.arange(position, position + len(members))
            spans.append((key, members, position))
            position += len(members)
        levels: list[Level] = []
        for (lvl, _name, params, _arity, _rule), members, start in spans:
            op, _, rule = kind[members[0]]
            idx = np.array([operands[i] for i in members], dtype=np.intp).T
            if not levels or levels[-1].number != lvl:
                levels.append(Level(lvl, start, [], []))
            group = Group(lvl, op, params, start, start + len(members), idx, rule)
            levels[-1].groups.append(group)
        for level_ in levels:  # one index array per level; the groups' operands are views
            level_.targets = np.concatenate([new[g.operands].ravel() for g in level_.groups])
            offset = 0
            for g in level_.groups:
                count = g.operands.size
                g.operands = level_.targets[offset : offset + count].reshape(g.operands.shape)
                offset += count
            level_.low = int(level_.targets.min())
            level_.high = int(level_.targets.max()) + 1
        plan = Plan(
            n_args=len(arguments),
            captured=[order[i] for i in captured],
            constants=np.array([order[i].data for i in constants], dtype=np.float64),
            levels=levels,
            outputs=new[out_ids].astype(np.intp),
            nodes=position,
            traced_nodes=n,
        )
        plan.trace_index = new.astype(np.int32) if keep_index else None
        return plan

    # ------------------------------------------------------------- running

    def forward(self, args: Any) -> tuple[Any, list[Any]]:
        """All node values for the argument vector ``args``, and each group's gathered operands."""
        values = np.empty(self.nodes, dtype=np.float64)
        a, c = self.n_args, self.n_args + len(self.captured)
        values[:a] = args
        values[a:c] = [leaf.data for leaf in self.captured]
        values[c : c + len(self.constants)] = self.constants
        gathered = []
        for g in self.groups:
            ins = values[g.operands]
            gathered.append(ins)
            if g.op is ops.ADD:  # a fused sum, left to right as eager's chain
                if g.size == 1:  # (reduce on one column sums pairwise; accumulate never does)
                    values[g.start : g.stop] = np.add.accumulate(ins[:, 0])[-1]
                else:
                    values[g.start : g.stop] = np.add.reduce(ins, axis=0)
            else:
                values[g.start : g.stop] = g.op.forward_array(*g.params, *ins)
        return values, gathered

    def backward(self, values: Any, gathered: list[Any], seed: Any) -> Any:
        """d (seed . outputs) / d node for every node: each group's rule, last level first.

        One of the two specialised copies of `backprop.walk` (the other is `backward()`'s
        float loop): the same rules, run level by level on arrays, one numpy call per
        group, which is the point of `jit`."""
        grads = np.zeros(self.nodes, dtype=np.float64)
        np.add.at(grads, self.outputs, seed)
        position = len(gathered)
        for level in reversed(self.level_list):
            position -= len(level.groups)
            # What each operand slot of the level receives, laid out as ``level.targets``.
            received = np.empty(len(level.targets))
            offset = 0
            for g, ins in zip(level.groups, gathered[position : position + len(level.groups)]):
                gout = grads[g.start : g.stop]
                m = g.stop - g.start
                if g.op is ops.ADD:  # every operand of a sum receives the sum's gradient
                    received[offset : offset + ins.size].reshape(ins.shape)[:] = gout
                else:
                    result = g.rule(*g.params, gout, values[g.start : g.stop], *ins)
                    for j, part in enumerate((result,) if g.arity == 1 else result):
                        received[offset + j * m : offset + (j + 1) * m] = part
                offset += ins.size
            level.scatter_add(grads, received)
        return grads

    # ------------------------------------------------------------ describing

    @property
    def nbytes(self) -> int:
        """Bytes held by the plan's arrays (index arrays, constants, output numbers)."""
        return int(
            sum(level.targets.nbytes for level in self.level_list)
            + self.constants.nbytes
            + self.outputs.nbytes
            + 8 * len(self.captured)
        )

    def summary(self) -> str:
        return (
            f"{self.traced_nodes:,} nodes traced, {self.nodes:,} after fusion, "
            f"{self.levels} levels, {len(self.groups)} groups, "
            f"{self.nbytes / max(self.nodes, 1):.0f} bytes per node"
        )

    def table(self) -> str:
        """One line per group: level, op, operands per node, nodes."""
        lines = ["level  op            operands  nodes"]
        for g in self.groups:
            op = g.name + (f"({', '.join(f'{p:g}' for p in g.params)})" if g.params else "")
            lines.append(f"{g.level:>5}  {op:<12}  {g.arity:>8}  {g.size:>5}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Plan: {self.summary()}>"
