"""From a recorded graph to a replay plan: number, fuse, schedule, group (used by `autograd.jit`).

The engine records one `Value` per scalar op. To run the same graph on numpy
arrays, `Plan.build` takes five steps, one function each:

1. `_number`: number the nodes (leaves first: the arguments, then the
   captured variables, then the constants; op nodes after, parents before
   children) and read each op node's op, parameters and rule from its record
   (`ops.Applied`): nothing is re-derived, the replay runs the recorded op's
   ``forward_array`` and the node's own ``rule``.
2. `_fuse_sums`: chains of ``+`` become n-ary sums. ``((b + p0) + p1) + p2``
   records three nodes, and the two inner ones are used only by the next
   ``+``; they become one node ``sum(b, p0, p1, p2)``. Only the left spine is
   fused (what ``total = total + term`` records), and the operands are summed
   left to right, so a fused sum computes the very float the chain computed.
   (Valid because ``ADD``'s rule sends the incoming gradient unchanged to both
   operands: a chain of k - 1 adds sends it unchanged to all k operands.)
3. `_levels`: a node's level is one more than its deepest operand's (leaves
   are level 0). Nodes of one level never depend on each other.
4. `_fuse_dots`: a sum ``b + w1*x1 + ... + wk*xk`` of weights (captured
   leaves) times inputs, whose products nothing else uses, becomes a dot; the
   dots of a level that share their inputs (a layer's neurons) form one group,
   ``W x + b``, one matrix product: the weights are read once, not once per
   sample, and their gradient, ``g x^T``, comes summed over the batch.
5. `_group`: the nodes of each level are grouped by op (and parameters, rule
   and number of operands) and renumbered so that every group's results are
   one contiguous slice, each group's nodes in the order the level above reads
   them, and the captured leaves in the order the dots read them (a weight
   matrix is one block). A group then runs as one numpy call: its operands read
   as a view where they are one contiguous run (a layer's outputs), else
   gathered with an index array; compute; write a slice.

**The batch axis.** Values are stored as an array of shape ``(nodes, batch)``:
row i is node i, column j is sample j. A plan traced from one sample's graph
(see `autograd.vmap`) runs on any number of samples at once: every group's
numpy call works on ``(group, batch)`` arrays. A leaf shared by every sample
(a parameter, a constant, an argument with ``in_axes`` None) has the same value
in each column, and its gradient is the sum of its column gradients (as a
weight used by every sample gets every sample's contribution). `autograd.jit`
without a batch axis is the same replay with one column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import numpy as np

from . import ops
from .graph import topological_order
from .value import Value

SUM = "sum"  # the name a fused chain of + goes by in a plan's groups
DOT = "dot"  # a sum of products of weights with inputs every node shares: a matrix product
MAX_DOT_INPUTS = 4  # distinct input vectors per level and width before dots are not worth it


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
    rule: ops.Rule  # the nodes' own rule, unbound: the op's, or its variant for a constant operand
    # A dot group (see `_fuse_dots`): out = first + weights @ inputs, where ``first`` (size,),
    # ``weights`` (size, k) and ``inputs`` (k,) are node numbers; None for any other group.
    first: Any = None
    weights: Any = None
    inputs: Any = None
    # Whether ``first`` are shared leaves (a layer's biases): their gradient, like the
    # weights', is then summed over the batch by the group itself, not sent per sample.
    first_shared: bool = False
    # Per operand row, a slice of ``values`` when that row is a contiguous run of nodes
    # (a layer's outputs, read whole by the next layer): read as a view, not gathered.
    runs: Any = None
    # Where a dot's weights (row after row) and shared first terms sit among the leaves:
    # one slice when they are contiguous (see `_captured_in_reading_order`: then read as a
    # view), else their node numbers, flat.
    weights_at: Any = None
    first_at: Any = None

    def read(self, values: np.ndarray, out: np.ndarray | None = None) -> Any:
        """The operands' rows of ``values``: views where they are contiguous runs, else
        gathered into ``out``. A dot's: its inputs (k, batch); any other group's: one row
        per operand ((arity, size, batch), or a list of views)."""
        if self.weights is not None:
            if self.runs is not None:
                return values[self.runs[0]]
            return values.take(self.inputs, axis=0, out=out)
        if self.runs is not None:
            return [values[run] for run in self.runs]
        return values.take(self.operands, axis=0, out=out)

    def weight_matrix(self, leaves: np.ndarray) -> np.ndarray:
        """The dot's weights, (size, k), from the leaves' values."""
        matrix: np.ndarray = leaves[self.weights_at].reshape(self.weights.shape)
        return matrix

    @property
    def name(self) -> str:
        if self.weights is not None:
            return DOT
        return SUM if self.op is ops.ADD else self.op.name

    # Cached: the replay reads these for every group at every step; none of them changes
    # once the group is made (its index arrays may be swapped for views of the same shape).
    @cached_property
    def size(self) -> int:
        return self.stop - self.start

    @cached_property
    def arity(self) -> int:
        """Operands per node (a dot's: its first term and its k products)."""
        if self.weights is not None:
            return 1 + int(self.weights.shape[1])
        return int(self.operands.shape[0])

    @cached_property
    def slots(self) -> int:
        """How many operand slots the group sends per-sample gradients to in the backward
        pass (a dot: its inputs, and its first terms unless they are shared leaves)."""
        if self.weights is not None:
            return int(self.weights.shape[1] + (0 if self.first_shared else self.size))
        return int(self.operands.size)


@dataclass(eq=False)
class Level:
    """The groups of one level, and all their operands in one index array.

    In the backward pass every group of the level computes what each of its
    operands receives (laid out as ``targets``); `scatter_add` then adds all of
    it into the gradients of the nodes below, summing where a node is the
    operand of several (a hidden unit feeding every neuron of the next layer).
    """

    number: int
    start: int
    groups: list[Group]
    targets: Any = None  # np.ndarray of node numbers: each group's operands, row after row
    # The targets by how often they occur: (slots, nodes) with slots (r, count) the positions
    # in ``targets`` of each of the count nodes that occur r times (in operand order).
    parts: list[tuple[Any, Any]] = field(default_factory=list)
    # Per part: whether every node of it is an operand of this level only (and of no output),
    # so that its gradient is still 0 here and is written, not added to.
    fresh: list[bool] = field(default_factory=list)
    # When the targets are one run of distinct nodes that no other level sends to (a layer's
    # inputs), the slice of ``grads`` they are: the groups then write there directly.
    direct: slice | None = None

    def index_targets(self, uses: np.ndarray) -> None:
        """Sort the targets by multiplicity once, so that each backward pass adds the r
        contributions of every node received r times with one reduce. ``uses[n]``: how many
        operand slots of the whole plan (and outputs) refer to node n."""
        order = np.argsort(self.targets, kind="stable")
        unique, starts, counts = np.unique(
            self.targets[order], return_index=True, return_counts=True
        )
        self.parts = []
        for r in np.unique(counts).tolist():
            chosen = counts == r
            slots = order[starts[chosen][None, :] + np.arange(r)[:, None]]
            self.parts.append((slots, unique[chosen]))
            self.fresh.append(bool(np.all(uses[unique[chosen]] == r)))
        if not self.repeats and self.fresh[0]:
            found = _runs(self.targets[None, :])
            self.direct = None if found is None else found[0]

    @property
    def repeats(self) -> bool:
        return len(self.parts) != 1 or self.parts[0][0].shape[0] != 1

    def scatter_add(
        self, grads: np.ndarray, received: np.ndarray, scratch: list[tuple[np.ndarray, np.ndarray]]
    ) -> None:
        """grads[t] += r for every target t and the row r it received (repeats summed, in
        operand order). ``scratch`` holds, per part, a (slots, batch) and a (nodes, batch)
        array to work in, so that no new memory is touched."""
        if not self.repeats:
            if self.fresh[0]:
                grads[self.targets] = received
                return
            rows = scratch[0][1]
            grads.take(self.targets, axis=0, out=rows)
            rows += received
            grads[self.targets] = rows
            return
        for (slots, nodes), fresh, (taken, rows) in zip(self.parts, self.fresh, scratch):
            received.take(slots, axis=0, out=taken)  # (r, nodes, batch)
            contribution = taken[0] if len(slots) == 1 else np.add.reduce(taken, axis=0)
            if fresh:
                grads[nodes] = contribution
                continue
            grads.take(nodes, axis=0, out=rows)
            rows += contribution
            grads[nodes] = rows


def batch_sum(rows: np.ndarray, scratch: np.ndarray | None = None) -> np.ndarray:
    """Each row summed over the batch, sample 0 first: the order in which eager backward adds
    a shared leaf's contributions from a batch loss (so the sums agree to the last bit, and an
    optimizer such as Adam, which scales a gradient of 1e-17 to a full step, sees the same).
    ``scratch``: a (batch, rows) array to work in."""
    column: np.ndarray
    if rows.shape[1] == 1:
        column = rows[:, 0].copy()
        return column
    if rows.shape[0] == 1:  # (one row: a reduce along it would sum pairwise)
        column = np.add.accumulate(rows, axis=1)[:, -1]
        return column
    # Down the columns of the transpose: numpy adds row after row (no pairwise sum).
    if scratch is None:
        scratch = np.empty(rows.T.shape)
    np.copyto(scratch, rows.T)
    column = np.add.reduce(scratch, axis=0)
    return column


def _add_into(totals: np.ndarray, at: Any, amounts: np.ndarray) -> None:
    """totals[n] += a for every node n at ``at`` (a slice or node numbers, see `_where`) and
    amount a, flat (a node listed twice gets both)."""
    if isinstance(at, slice):
        totals[at] += amounts.ravel()
    else:
        np.add.at(totals, at, amounts.ravel())


def _where(nodes: np.ndarray) -> Any:
    """These nodes, flat, as a slice when they are a contiguous run, else as node numbers."""
    run = _runs(nodes.reshape(1, -1))
    return nodes.ravel() if run is None else run[0]


class Buffers:
    """The arrays of one replay of ``batch`` samples: ``values`` and ``grads`` (nodes, batch),
    each group's gathered operands (kept for the backward pass unless ``keep`` is False),
    and per level what its operands receive (and a scratch array to sort that into)."""

    def __init__(self, plan: Plan, batch: int, keep: bool) -> None:
        self.batch = batch
        self.values = np.empty((plan.nodes, batch), dtype=np.float64)
        self.leaves = np.empty(plan.n_leaves)  # every leaf's value (the same in every column)
        self.gathered: list[Any] | None = None
        self.grads: Any = None
        if keep:
            self.gathered = [
                None if g.runs is not None
                else np.empty((len(g.inputs), batch)) if g.weights is not None
                else np.empty((g.arity, g.size, batch))
                for g in plan.groups
            ]  # fmt: skip
            self.grads = np.zeros_like(self.values)
            # d/d leaf summed over the batch, for the leaves that dots read as weights
            # (and biases): added to what the leaf's row in ``grads`` receives per sample
            self.summed = np.empty(plan.nodes)
            self.sums = np.empty((batch, len(plan.captured)))  # to sum gradients over the batch
            self.received = [
                self.grads[lvl.direct] if lvl.direct is not None
                else np.empty((len(lvl.targets), batch))
                for lvl in plan.level_list
            ]  # fmt: skip
            self.scratch = [
                [(np.empty((*slots.shape, batch)), np.empty((len(nodes), batch)))
                 for slots, nodes in lvl.parts]
                for lvl in plan.level_list
            ]  # fmt: skip

    def fill_leaf_rows(self, plan: Plan) -> None:
        """Every leaf's row of ``values`` (the forward pass fills only those read per sample)."""
        self.values[plan.n_args : plan.n_leaves] = self.leaves[plan.n_args :, None]


def _op_key(node: Value) -> tuple[ops.Op, tuple[float, ...], ops.Rule]:
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


@dataclass(eq=False)
class _Graph:
    """The traced graph as lists indexed by trace position (what the four steps work on)."""

    order: list[Value]
    kind: list[Any]  # (op, params, rule) of an op node, None for a leaf
    operands: list[Any]  # the operands' trace positions, None for a leaf (or a fused-away sum)
    uses: list[int]  # how many operand slots (and outputs) refer to each node
    arguments: list[int | None]  # trace position of each argument (None: unused)
    captured: list[int]
    constants: list[int]
    outputs: list[int]
    # A sum fused with its products (`_fuse_dots`): position -> (first term, weights, inputs)
    dots: dict[int, tuple[int, list[int], tuple[int, ...]]] = field(default_factory=dict)


def _number(outputs: Sequence[Value], arguments: Sequence[Value]) -> _Graph:
    """Step 1: trace positions, each op node's op and operands, the leaves sorted out."""
    order = topological_order(*outputs)
    position = {id(node): i for i, node in enumerate(order)}
    argument_ids = {id(leaf) for leaf in arguments}
    n = len(order)
    kind: list[Any] = [None] * n
    operands: list[Any] = [None] * n
    uses = [0] * n
    captured: list[int] = []
    constants: list[int] = []
    for i, node in enumerate(order):
        if node._applied is None:
            if id(node) not in argument_ids:
                (constants if node.is_constant else captured).append(i)
            continue
        kind[i] = _op_key(node)
        ins = [position[id(node._a)]] if node._b is None else [
            position[id(node._a)], position[id(node._b)]
        ]  # fmt: skip
        operands[i] = ins
        for p in ins:
            uses[p] += 1
    outs = [position[id(o)] for o in outputs]
    for o in outs:
        uses[o] += 1  # an output is never fused away
    return _Graph(
        order=order,
        kind=kind,
        operands=operands,
        uses=uses,
        arguments=[position.get(id(leaf)) for leaf in arguments],
        captured=captured,
        constants=constants,
        outputs=outs,
    )


def _fuse_sums(graph: _Graph) -> None:
    """Step 2: a ``+`` whose left operand is a ``+`` used by it alone takes over its operands."""
    kind, operands, uses = graph.kind, graph.operands, graph.uses
    for i, k in enumerate(kind):
        if k is None or k[0] is not ops.ADD:
            continue
        left = operands[i][0]
        if kind[left] is not None and kind[left][0] is ops.ADD and uses[left] == 1:
            spine = operands[left]  # the inner sum's operands, left to right
            spine.append(operands[i][1])
            operands[i] = spine
            operands[left] = None  # fused away: no node of its own in the plan


def _levels(graph: _Graph) -> list[int]:
    """Step 3: 0 for a leaf, else one more than the deepest operand."""
    level = [0] * len(graph.order)
    for i, ins in enumerate(graph.operands):
        if ins is not None:
            level[i] = 1 + max(level[p] for p in ins)
    return level


def _fuse_dots(graph: _Graph, level: list[int]) -> None:
    """Step 4: a sum ``b + w1*x1 + ... + wk*xk`` whose products are used by it alone and
    each multiply a weight (a captured leaf or a constant) by an input becomes a dot; the dots
    of one level that share their inputs (the neurons of a layer: every one sees the same
    x1..xk) are then one group, ``b + W x`` as a matrix product: the weights are read once
    (not once per sample), the inputs gathered once (not once per neuron), and in the
    backward pass each input receives one row, W^T g, instead of one per neuron, and the
    weights their gradient summed over the batch, g x^T (a bias: the sum of g, sample 0
    first, as eager adds it).

    A matrix product adds the terms in its own order, so a dot equals the chain's float up
    to rounding (eps times the sum of the terms' sizes), not bit for bit. Only
    where few input vectors are shared (at most `MAX_DOT_INPUTS` per level and width)
    is it worth it; elsewhere (a batch unrolled into one graph) the sums stay as they are.
    """
    kind, operands, uses = graph.kind, graph.operands, graph.uses
    weights_ok = set(graph.captured) | set(graph.constants)
    candidates: dict[tuple[int, int], dict[tuple[int, ...], list[int]]] = {}
    found: dict[int, tuple[int, list[int], tuple[int, ...]]] = {}
    for i, ins in enumerate(operands):
        if ins is None or kind[i][0] is not ops.ADD or len(ins) < 2:
            continue
        weights, inputs = [], []
        for p in ins[1:]:
            k = kind[p]
            if k is None or k[0] is not ops.MUL or k[2] is not ops.MUL.rule or uses[p] != 1:
                break
            a, b = operands[p]
            if a in weights_ok:
                weights.append(a)
                inputs.append(b)
            elif b in weights_ok:
                weights.append(b)
                inputs.append(a)
            else:
                break
        else:
            found[i] = (ins[0], weights, tuple(inputs))
            candidates.setdefault((level[i], len(weights)), {}).setdefault(
                tuple(inputs), []
            ).append(i)
    for shared in candidates.values():
        if len(shared) > MAX_DOT_INPUTS:
            continue
        for members in shared.values():
            for i in members:
                graph.dots[i] = found[i]
                for p in operands[i][1:]:
                    operands[p] = None  # the product lives on inside the dot


def _runs(rows: np.ndarray) -> tuple[slice, ...] | None:
    """Each row of node numbers as a slice, if every row is a contiguous run (else None)."""
    found = []
    for row in rows:
        first, last = int(row[0]), int(row[-1])
        if last - first + 1 != len(row) or (len(row) > 1 and np.any(np.diff(row) != 1)):
            return None
        found.append(slice(first, last + 1))
    return tuple(found)


def _in_reading_order(graph: _Graph, members: dict[tuple[Any, ...], list[int]]) -> None:
    """Order each group's nodes as the groups above read them, last level first: a layer's
    outputs then sit in the order the next layer reads its inputs, one contiguous run read
    as a view (the trace itself visits them in reverse)."""
    rank: dict[int, int] = {}
    for key in sorted(members, reverse=True):
        nodes = sorted(members[key], key=lambda i: (rank.get(i, len(rank) + i), i))
        members[key] = nodes
        if key[1] == DOT:
            rows: list[Any] = [graph.dots[nodes[0]][2], [graph.dots[i][0] for i in nodes]]
        else:
            rows = list(zip(*(graph.operands[i] for i in nodes)))
        for row in rows:
            for p in row:
                rank.setdefault(p, len(rank))


def _captured_in_reading_order(graph: _Graph, members: dict[tuple[Any, ...], list[int]]) -> None:
    """Put the captured leaves in the order the dot groups read them: each group's weights
    row after row, then its first terms (a layer's biases), then every other leaf. A layer's
    weight matrix is then one contiguous block of the leaf values, read as a view."""
    reading: list[int] = []
    for key in sorted(members):
        if key[1] == DOT:
            nodes = members[key]
            reading.extend(w for i in nodes for w in graph.dots[i][1])
            reading.extend(graph.dots[i][0] for i in nodes)
    captured = set(graph.captured)
    first_seen = list(dict.fromkeys(p for p in reading if p in captured))
    chosen = set(first_seen)
    graph.captured = first_seen + [p for p in graph.captured if p not in chosen]


def _group(graph: _Graph, level: list[int]) -> tuple[list[Level], Any, int]:
    """Step 5: groups by (level, op, params, arity, rule); every node's plan number.

    Returns the levels, the plan number of each trace position (-1 for a sum
    fused away) and the number of nodes in the plan.
    """
    members: dict[tuple[Any, ...], list[int]] = {}
    shared_inputs: dict[tuple[int, ...], int] = {}
    for i, ins in enumerate(graph.operands):
        if ins is None:
            continue
        if i in graph.dots:
            dot_inputs = graph.dots[i][2]
            tag = shared_inputs.setdefault(dot_inputs, len(shared_inputs))
            key: tuple[Any, ...] = (level[i], DOT, (), len(dot_inputs) + 1, f"{tag:08d}")
        else:
            op, params, rule = graph.kind[i]
            key = (level[i], op.name, params, len(ins), rule.__name__)
        members.setdefault(key, []).append(i)
    number = np.full(len(graph.order), -1, dtype=np.int64)
    n_args = len(graph.arguments)
    for j, at in enumerate(graph.arguments):  # argument j is node j, used or not
        if at is not None:
            number[at] = j
    _in_reading_order(graph, members)
    _captured_in_reading_order(graph, members)
    others = graph.captured + graph.constants
    number[others] = np.arange(n_args, n_args + len(others))
    position = n_args + len(others)
    levels: list[Level] = []
    slots: list[Any] = []  # per group, its per-sample operand slots (trace positions), flat
    shared = set(others)  # leaves with one value for every sample
    for key in sorted(members):
        nodes = members[key]
        number[nodes] = np.arange(position, position + len(nodes))
        op, params, rule = graph.kind[nodes[0]]
        if not levels or levels[-1].number != key[0]:
            levels.append(Level(key[0], position, []))
        group = Group(key[0], op, params, position, position + len(nodes), None, rule)
        if key[1] == DOT:
            first = np.array([graph.dots[i][0] for i in nodes], dtype=np.intp)
            weights = np.array([graph.dots[i][1] for i in nodes], dtype=np.intp)
            inputs = np.array(graph.dots[nodes[0]][2], dtype=np.intp)
            group.first, group.weights, group.inputs = first, weights, inputs
            group.first_shared = shared.issuperset(first.tolist())
            slots.append(inputs if group.first_shared else np.concatenate([first, inputs]))
        else:
            group.operands = np.array([graph.operands[i] for i in nodes], dtype=np.intp).T
            slots.append(group.operands.ravel())
        levels[-1].groups.append(group)
        position += len(nodes)
    flat = iter(slots)
    for lvl in levels:  # one index array per level, in plan numbers; the groups' index views
        lvl.targets = np.concatenate([number[next(flat)] for _ in lvl.groups])
        offset = 0
        for g in lvl.groups:
            view = lvl.targets[offset : offset + g.slots]
            if g.weights is not None:
                m, k = g.weights.shape
                g.weights = number[g.weights]
                if g.first_shared:
                    g.first, g.inputs = number[g.first], view
                else:
                    g.first, g.inputs = view[:m], view[m:]
                g.runs = _runs(g.inputs[None, :])
                g.weights_at = _where(g.weights)
                if g.first_shared:
                    g.first_at = _where(g.first)
            else:
                g.operands = view.reshape(g.operands.shape)
                g.runs = None if g.op is ops.ADD else _runs(g.operands)
            offset += g.slots
    uses = np.bincount(
        np.concatenate([lvl.targets for lvl in levels] + [number[graph.outputs]]),
        minlength=position,
    )
    for lvl in levels:
        lvl.index_targets(uses)
    return levels, number, position


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
        trace_index: Any,
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
        self.trace_index = trace_index  # plan number of each traced node, -1 if fused away
        self._reused: dict[int, Buffers] = {}
        self._distinct_outputs = len(set(outputs.tolist())) == len(outputs)
        # The captured leaves (by position in ``captured``) that some node sends a gradient
        # per sample (the others receive theirs summed over the batch, from dots).
        per_sample = np.zeros(nodes, dtype=bool)
        for level in levels:
            per_sample[level.targets] = True
        per_sample[outputs] = True
        self.n_leaves = n_args + len(captured) + len(constants)
        # Leaves other than the arguments that some node reads per sample (their rows of
        # ``values`` are filled; the others are read from the leaf values alone: dot weights)
        self.per_sample_leaves = n_args + np.flatnonzero(per_sample[n_args : self.n_leaves])
        self.per_sample_captured = np.flatnonzero(per_sample[n_args : n_args + len(captured)])
        # The gradient rows the backward pass adds to (so clears first): those it sends to
        # and does not simply assign (a node's one sender writes it; the seed an output's).
        assigned = np.zeros(nodes, dtype=bool)
        for level in levels:
            for (_, receivers), fresh in zip(level.parts, level.fresh):
                assigned[receivers] = fresh
        if self._distinct_outputs:
            assigned[outputs] = True
        self._cleared = np.flatnonzero(per_sample & ~assigned)

    @staticmethod
    def build(outputs: Sequence[Value], arguments: Sequence[Value]) -> Plan:
        """Number, fuse, schedule and group the graph below ``outputs``."""
        graph = _number(outputs, arguments)
        _fuse_sums(graph)
        level = _levels(graph)
        _fuse_dots(graph, level)
        levels, number, nodes = _group(graph, level)
        return Plan(
            n_args=len(arguments),
            captured=[graph.order[i] for i in graph.captured],
            constants=np.array([graph.order[i].data for i in graph.constants], dtype=np.float64),
            levels=levels,
            outputs=number[graph.outputs].astype(np.intp),
            nodes=nodes,
            traced_nodes=len(graph.order),
            trace_index=number,
        )

    # ------------------------------------------------------------- running

    def buffers(self, batch: int, keep: bool = True) -> Buffers:
        """Arrays for one replay of ``batch`` samples (see `Buffers`)."""
        return Buffers(self, batch, keep)

    def reused_buffers(self, batch: int) -> Buffers:
        """The plan's own arrays for ``batch`` samples, the same at every call (the last few
        batch sizes are kept): a loop that is done with one replay before it starts the next
        touches no new memory (fresh pages cost more than the arithmetic at these sizes)."""
        found = self._reused.pop(batch, None)
        if found is None:
            found = Buffers(self, batch, True)
        self._reused[batch] = found  # most recently used last
        while len(self._reused) > 4:
            del self._reused[next(iter(self._reused))]
        return found

    def forward(self, args: np.ndarray, buffers: Buffers, captured: Any = None) -> None:
        """Every node's value into ``buffers.values`` (nodes, batch) for the arguments ``args``
        ((n_args, batch), or (n_args, 1) for shared ones), and each group's gathered operands
        into ``buffers.gathered`` when it keeps them. ``captured``: the captured leaves'
        values in ``self.captured`` order, if the caller has them (else their ``.data``)."""
        values, batch = buffers.values, buffers.batch
        a, c = self.n_args, self.n_args + len(self.captured)
        values[:a] = args
        leaves = buffers.leaves
        leaves[a:c] = [leaf.data for leaf in self.captured] if captured is None else captured
        leaves[c:] = self.constants
        rows = self.per_sample_leaves
        values[rows] = leaves[rows, None]
        for k, g in enumerate(self.groups):
            out = values[g.start : g.stop]
            ins = g.read(values, None if buffers.gathered is None else buffers.gathered[k])
            if g.weights is not None:  # out = W @ inputs + first; W is the same in every column
                np.matmul(g.weight_matrix(leaves), ins, out=out)
                out += leaves[g.first_at][:, None] if g.first_shared else values[g.first]
            elif g.op is ops.ADD:  # a fused sum, left to right as eager's chain
                if g.size * batch == 1:  # (reduce sums one column pairwise; accumulate never)
                    out[:] = np.add.accumulate(ins, axis=0)[-1]
                else:
                    np.add.reduce(ins, axis=0, out=out)
            elif g.op is ops.MUL:
                np.multiply(ins[0], ins[1], out=out)
            else:
                out[:] = g.op.forward_array(*g.params, *ins)

    def backward(self, buffers: Buffers, seed: np.ndarray) -> Any:
        """d (sum of seed * outputs) / d node for every node and sample, into ``buffers.grads``
        (nodes, batch). ``seed`` has shape (outputs, batch). Each group's rule runs on whole
        (group, batch) arrays, last level first.

        One of the two specialised copies of `backprop.walk` (the other is `backward()`'s
        float loop): the same rules, run level by level on arrays, one numpy call per
        group, which is the point of `jit`."""
        grads, values, leaves = buffers.grads, buffers.values, buffers.leaves
        grads[self._cleared] = 0.0  # (the rows no node sends to stay 0 from the start)
        if self._distinct_outputs:
            grads[self.outputs] = seed
        else:  # a node returned twice gets both seeds
            np.add.at(grads, self.outputs, seed)
        gathered = buffers.gathered
        assert gathered is not None  # a replay for the backward pass keeps its operands
        summed = buffers.summed
        summed.fill(0.0)
        position = len(self.groups)
        for number, level in reversed(list(enumerate(self.level_list))):
            position -= len(level.groups)
            # What each operand slot of the level receives, laid out as ``level.targets``.
            received = buffers.received[number]
            offset = 0
            for k, g in enumerate(level.groups, start=position):
                ins: Any = gathered[k] if g.runs is None else g.read(values)
                gout = grads[g.start : g.stop]
                m = g.size
                if g.weights is not None:  # d/d first = 1, d/d inputs = W^T, d/d W_ij = x_j
                    at = offset
                    if g.first_shared:  # a bias: its gradient summed over the batch here
                        _add_into(summed, g.first_at, batch_sum(gout))
                    else:
                        received[at : at + m] = gout
                        at += m
                    np.matmul(g.weight_matrix(leaves).T, gout, out=received[at : offset + g.slots])
                    _add_into(summed, g.weights_at, gout @ ins.T)  # summed over the batch
                elif g.op is ops.ADD:  # every operand of a sum receives the sum's gradient
                    received[offset : offset + g.arity * m].reshape(ins.shape)[:] = gout
                elif g.op is ops.MUL:  # d(ab)/da = b, d(ab)/db = a (MUL's rule, into place)
                    np.multiply(gout, ins[1], out=received[offset : offset + m])
                    np.multiply(gout, ins[0], out=received[offset + m : offset + 2 * m])
                else:
                    result = g.rule(*g.params, gout, values[g.start : g.stop], *ins)
                    for j, part in enumerate((result,) if g.arity == 1 else result):
                        received[offset + j * m : offset + (j + 1) * m] = part
                offset += g.slots
            if level.direct is None:
                level.scatter_add(grads, received, buffers.scratch[number])
        return grads

    # ------------------------------------------------------------ describing

    @property
    def nbytes(self) -> int:
        """Bytes held by the plan's arrays (index arrays, constants, output numbers)."""
        return int(
            sum(
                level.targets.nbytes + sum(a.nbytes + b.nbytes for a, b in level.parts)
                for level in self.level_list
            )
            + sum(g.weights.nbytes + g.first.nbytes for g in self.groups if g.weights is not None)
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
