"""autograd.jit: the replay on arrays computes what eager computes, op by op and graph by graph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd import JitError, Plan, Value, gradients, jit, no_grad, ops, vmap
from tests.strategies import BINARY, UNARY, near_kink

ROOT = Path(__file__).resolve().parents[2]
TOL = 1e-12


def assert_close(got, expected, tol=TOL):
    """Equal to ``tol`` relative, on the scale of the largest entry (a 0 up to rounding is 0)."""
    got, expected = np.atleast_1d(got), np.atleast_1d(np.asarray(expected, dtype=float))
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
    np.testing.assert_allclose(got, expected, rtol=tol, atol=tol * scale)


def eager_value_and_grad(f, *args):
    """f on Values, eagerly: the value and d f / d argument, laid out as the arguments."""
    leaves = [[Value(x) for x in np.atleast_1d(a).tolist()] for a in args]
    shaped = [leaf if np.ndim(a) else leaf[0] for leaf, a in zip(leaves, args)]
    out = f(*shaped)
    grads = gradients(out, [v for leaf in leaves for v in leaf])
    result, start = [], 0
    for leaf, a in zip(leaves, args):
        part = np.array(grads[start : start + len(leaf)])
        result.append(part if np.ndim(a) else float(part[0]))
        start += len(leaf)
    return out.data, tuple(result)


def left_sum(terms):
    total = terms[0]
    for t in terms[1:]:
        total = total + t
    return total


# ------------------------------------------------------------------ every op


def test_the_op_cases_cover_every_op_in_OPS():
    seen = set()
    for case in UNARY:
        seen.add(ops.op_of(case.apply(Value(0.5)))[0].name)
    for case in BINARY:
        seen.add(ops.op_of(case.apply(Value(0.5), Value(2.0)))[0].name)
    assert seen == set(ops.OPS)


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_every_unary_op_replays_as_eager(case, data):
    xs = data.draw(st.lists(case.domain, min_size=1, max_size=6))
    xs = [x for x in xs if not near_kink(case.name, x)] or [0.75]
    x = np.array(xs)

    def f(v):
        return left_sum([case.apply(vi) * float(i + 1) for i, vi in enumerate(v)])

    value, (grad,) = jit(f).value_and_grad(x)
    expected_value, (expected_grad,) = eager_value_and_grad(f, x)
    # The replay sums c_i f(x_i) as a matrix product, in its own order: equal to eager's
    # left-to-right sum within eps times the sum of the terms' sizes (it may cancel to 0)
    terms = sum(abs(case.apply(Value(xi)).data) * (i + 1) for i, xi in enumerate(xs))
    np.testing.assert_allclose(value, expected_value, rtol=TOL, atol=TOL * terms)
    # numpy's and math's tanh (exp, ...) may differ in the last bit of the value, and a rule
    # that cancels (tanh's 1 - out * out where out is near 1) turns that bit into an absolute
    # error of a few eps times the constant factor (at most 6 here)
    np.testing.assert_allclose(grad, expected_grad, rtol=TOL, atol=6 * 4 * np.finfo(float).eps)


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_every_binary_op_replays_as_eager(case, data):
    n = data.draw(st.integers(1, 6))
    a = np.array(data.draw(st.lists(case.left, min_size=n, max_size=n)))
    b = np.array(data.draw(st.lists(case.right, min_size=n, max_size=n)))

    def f(u, v):
        return left_sum([case.apply(ui, vi) for ui, vi in zip(u, v)])

    value, grads = jit(f).value_and_grad(a, b)
    expected_value, expected_grads = eager_value_and_grad(f, a, b)
    assert_close(value, expected_value)
    for got, expected in zip(grads, expected_grads):
        assert_close(got, expected)


# -------------------------------------------------------- random shared graphs

SAFE_UNARY = [
    lambda x: x.tanh(),
    lambda x: x.sigmoid(),
    lambda x: x.relu(),
    lambda x: x * 0.5,
    lambda x: x.softplus(),
    lambda x: -x,
    lambda x: (x * x + 1.0).log(),
]
SAFE_BINARY = [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b]


@settings(max_examples=40, deadline=None)
@given(
    inputs=st.lists(st.floats(-2, 2), min_size=1, max_size=5),
    program=st.lists(
        st.tuples(st.booleans(), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 6)),
        min_size=1,
        max_size=40,
    ),
    outputs=st.integers(1, 4),
)
def test_random_graphs_with_shared_nodes_replay_as_eager(inputs, program, outputs):
    """Each step applies an op to earlier nodes picked at random: nodes are shared freely."""

    def f(xs, scale):
        nodes = list(xs) + [scale]
        for binary, i, j, k in program:
            a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
            if binary:
                nodes.append(SAFE_BINARY[k % 3](a, b).tanh())  # tanh keeps values bounded
            else:
                nodes.append(SAFE_UNARY[k](a))
        return left_sum(nodes[-outputs:]) * scale + nodes[0]

    args = (np.array(inputs), 0.7)
    value, grads = jit(f).value_and_grad(*args)
    expected_value, expected_grads = eager_value_and_grad(f, *args)
    assert_close(value, expected_value)
    for got, expected in zip(grads, expected_grads):
        assert_close(got, expected)


def test_a_node_used_twice_by_one_op_gets_both_contributions():
    f = jit(lambda x: (x[0] * x[0]) * x[0])
    value, (g,) = f.value_and_grad(np.array([3.0]))
    assert value == 27.0 and g[0] == 27.0


# ------------------------------------------------------------------ the plan


def neuron_loss(w, x):
    return left_sum([w[0]] + [wi * xi for wi, xi in zip(w[1:], x)]).relu()


def test_a_neuron_sum_is_fused_into_one_node():
    plan = jit(neuron_loss).trace(np.ones(4), np.ones(3))
    assert isinstance(plan, Plan)
    # 7 leaves, 3 products, 3 adds, relu -> the adds become one sum of 4 operands
    assert plan.traced_nodes == 7 + 3 + 3 + 1
    assert plan.nodes == 7 + 3 + 1 + 1
    assert plan.levels == 3
    assert [(g.level, g.name, g.arity, g.size) for g in plan.groups] == [
        (1, "*", 2, 3),
        (2, "sum", 4, 1),
        (3, "relu", 1, 1),
    ]
    assert "sum" in plan.table() and "after fusion" in plan.summary()


def test_a_sum_used_twice_is_not_fused_away():
    def f(x):
        partial = x[0] + x[1]
        return (partial + x[2]) * partial

    value, (g,) = jit(f).value_and_grad(np.array([1.0, 2.0, 3.0]))
    assert value == 18.0
    assert g.tolist() == [9.0, 9.0, 3.0]


def mlp_job(n=20, seed=0):
    model = nn.MLP(2, [16, 16, 1], seed=seed)
    X, y = nn.make_moons(n, noise=0.1, seed=seed)
    targets = (2 * y - 1).tolist()
    params = model.parameters()

    def loss(flat):
        scores = [model(flat[2 * i : 2 * i + 2]) for i in range(n)]
        return nn.hinge_loss(scores, targets) + nn.l2_penalty(params, 1e-4)

    return model, X, targets, params, loss


def test_the_moons_step_is_a_handful_of_levels_and_small():
    _, X, _, _, loss = mlp_job(n=30)
    plan = jit(loss).trace(X.ravel())
    assert plan.levels <= 16
    assert plan.nodes < 0.65 * plan.traced_nodes
    assert plan.nbytes / plan.nodes <= 100


@pytest.mark.slow
def test_compiled_training_matches_eager_at_every_step_for_100_steps():
    """Loss and every gradient to 1e-12 relative, with the parameters updated as they go."""
    model, X, targets, params, loss = mlp_job(n=20)
    twin = nn.MLP(2, [16, 16, 1], seed=0)
    twin_params = twin.parameters()
    f = jit(loss)
    for step in range(100):
        value, _, grads = f.value_and_grad(X.ravel(), params=params)
        outputs = [twin(row) for row in X.tolist()]
        eager = nn.hinge_loss(outputs, targets) + nn.l2_penalty(twin_params, 1e-4)
        for p in twin_params:
            p.grad = 0.0
        eager.backward()
        expected = np.array([p.grad for p in twin_params])
        assert_close(value, eager.data)
        assert_close(grads, expected)
        lr = 1.0 - 0.9 * step / 100
        for p, g, q in zip(params, grads, twin_params):
            p.data -= lr * g
            q.data -= lr * q.grad
    assert len(f.traces) == 1


# ----------------------------------------------------------- calls and errors


def test_scalar_and_vector_arguments_and_a_list_of_outputs():
    f = jit(lambda a, v: [a * v[0], a + v[1]])
    out = f(2.0, [3.0, 4.0])
    assert out.tolist() == [6.0, 6.0]
    g = jit(lambda a, v: a * v[0] * v[1])
    value, (da, dv) = g.value_and_grad(2.0, np.array([3.0, 4.0]))
    assert (value, da, dv.tolist()) == (24.0, 12.0, [8.0, 6.0])
    assert isinstance(da, float)


def test_a_new_input_length_traces_again_and_each_structure_once():
    calls = []

    def f(x):
        calls.append(len(x))
        return left_sum([xi * xi for xi in x])

    c = jit(f)
    assert c([1.0, 2.0]) == 5.0
    assert c([3.0, 4.0]) == 25.0
    assert c([1.0, 2.0, 2.0]) == 9.0
    assert c(np.array([0.0, 1.0, 0.0])) == 1.0
    assert calls == [2, 3] and len(c.traces) == 2


def test_captured_leaves_are_read_at_every_replay():
    w = Value(2.0)
    f = jit(lambda x: w * x)
    assert f(3.0) == 6.0
    w.data = 5.0
    value, (dx,), (dw,) = f.value_and_grad(3.0, params=[w])
    assert (value, dx, dw) == (15.0, 5.0, 3.0)
    _, _, unused = f.value_and_grad(3.0, params=[Value(1.0)])
    assert unused.tolist() == [0.0]


def test_captured_values_can_be_given_instead_of_read():
    """replay(..., captured=values): the plan replays those numbers in place of the leaves'
    .data (in plan.captured order), as if the leaves held them; a wrong shape is refused."""
    model = nn.MLP(2, [3, 1], activation="tanh", seed=0)
    f = vmap(lambda x: model(x), in_axes=0)
    X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5]])
    captured = f.trace(X).captured
    given = np.array([p.data for p in captured]) * 1.5
    replay = f.replay(X, captured=given)
    replay.backward_rows(np.ones((1, 3)))
    got, got_grads = replay.output_rows.copy(), replay.captured_grads()
    for p, x in zip(captured, given.tolist()):
        p.data = x
    replay = f.replay(X)
    replay.backward_rows(np.ones((1, 3)))
    assert got.tolist() == replay.output_rows.tolist()
    assert got_grads.tolist() == replay.captured_grads().tolist()
    with pytest.raises(
        ValueError,
        match=r"vmap: captured= must hold one value per captured leaf, shape \(13,\), got "
        r"shape \(12,\)",
    ):
        f.replay(X, captured=given[:-1])


def test_check_catches_a_function_that_branches_on_data():
    def f(x):
        return x.tanh() if x.data > 0 else x.relu()

    checked = jit(f, check=True)
    assert checked(1.0) == pytest.approx(np.tanh(1.0))
    with pytest.raises(JitError, match=r"node 1 .*traced as tanh.*records relu.*control flow"):
        checked(-1.0)
    unchecked = jit(f)
    unchecked(1.0)
    assert unchecked(-1.0) == pytest.approx(np.tanh(-1.0))  # baked in: the documented limit


def test_check_catches_a_number_read_out_of_a_value():
    def f(x):
        return x * Value(x.data)  # the second factor is baked at trace time

    checked = jit(f, check=True)
    assert checked.value_and_grad(2.0)[0] == 4.0
    with pytest.raises(JitError, match="baked"):
        checked(3.0)


def test_check_passes_for_a_clean_function_and_compares_gradients():
    _, X, _, params, loss = mlp_job(n=5)
    f = jit(loss, check=True)
    value, _, grads = f.value_and_grad(X.ravel(), params=params)
    value2, _ = f.value_and_grad(X.ravel() * 0.5)
    assert np.isfinite(value) and np.isfinite(value2)


@pytest.mark.parametrize(
    ("f", "args", "error", "message"),
    [
        (lambda x: 3.0, (1.0,), JitError, "must return a Value"),
        (lambda x: [], (1.0,), JitError, "must return a Value"),
        (lambda x: x, (np.ones((2, 2)),), ValueError, "1-D"),
        (lambda x: x, (Value(1.0),), TypeError, "is a Value"),
        (lambda x: x, ("abc",), TypeError, "number or a 1-D array"),
        (lambda x: x * 1e300 * 1e300, (1.0,), OverflowError, "not finite"),
    ],
)
def test_errors_are_clear(f, args, error, message):
    with pytest.raises(error, match=message):
        jit(f)(*args)


def test_overflow_at_replay_names_the_node():
    f = jit(lambda x: x * x)
    f(2.0)
    with pytest.raises(OverflowError, match=r"node \d+ \(\*, level 1\) is not finite"):
        f(1e200)


def test_value_and_grad_needs_one_output_and_a_traceable_context():
    with pytest.raises(JitError, match="one Value"):
        jit(lambda x: [x, x]).value_and_grad(1.0)
    with no_grad(), pytest.raises(JitError, match="no_grad"):
        jit(lambda x: x * 2.0)(1.0)
    with pytest.raises(TypeError, match="expected a function"):
        jit(3.0)


def test_an_op_the_table_does_not_know_cannot_be_replayed():
    def f(x):
        # a node made by hand, with a name and a rule that are no op's
        return Value(2.0 * x.data, "", x, None, "mystery", lambda g, out, a: 2.0 * g)

    with pytest.raises(JitError, match="cannot replay a node recorded as op 'mystery'"):
        jit(f)(1.0)


def test_jit_as_a_decorator():
    @jit
    def f(x):
        return x * 3.0

    assert f(2.0) == 6.0

    @jit(check=True)
    def g(x):
        return x * 3.0

    assert g(2.0) == 6.0


def test_importing_autograd_does_not_import_numpy():
    code = "import autograd, sys; assert 'numpy' not in sys.modules; autograd.jit"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_constant_operand_replays_with_the_rule_eager_used():
    """0 ** x and x / 4: eager never differentiates the constant (0 ** -0.5 would fail);
    the replay runs each node's own rule, so it does not either."""

    def f(v):
        return left_sum([0.0**vi + vi / 4.0 for vi in v])

    x = np.array([0.5, 2.0])
    value, (grad,) = jit(f).value_and_grad(x)
    expected_value, (expected_grad,) = eager_value_and_grad(f, x)
    assert_close(value, expected_value)
    assert_close(grad, expected_grad)


def test_check_mode_keeps_no_eager_graph_after_a_call():
    import gc

    def live_values() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if type(o) is Value)

    compiled = jit(lambda x: x * 2.0 + 1.0, check=True)
    before = live_values()
    assert compiled(1.5) == 4.0  # traced, then checked against an eager run of f
    assert live_values() == before  # both graphs dropped
    assert compiled(1.5) == 4.0
    assert live_values() == before
    value, (g,) = compiled.value_and_grad(1.5)
    assert (value, g) == (4.0, 2.0) and live_values() == before


# ------------------------------------------------------------- the batch axis

BATCHES = [1, 7, 100]


def eager_rows(f, mapped, shared=()):
    """f eagerly on each row: values and, per row, d f / d argument (mapped, then shared)."""
    values, grads = [], []
    for row in mapped:
        value, g = eager_value_and_grad(f, row, *shared)
        values.append(value)
        grads.append(g)
    return np.array(values), grads


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@pytest.mark.parametrize("batch", BATCHES)
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_every_unary_op_mapped_over_a_batch_is_eager_per_sample(case, batch, data):
    draws = st.lists(case.domain, min_size=2 * batch, max_size=2 * batch)
    xs = [x for x in data.draw(draws) if not near_kink(case.name, x)][:batch]
    xs = np.array(xs + [0.75] * (batch - len(xs)))

    def f(x):
        return case.apply(x) * 2.0 + x

    mapped = vmap(f)
    values, expected = eager_rows(f, xs)
    assert_close(mapped(xs), values)
    total, (grad,) = mapped.value_and_grad(xs, reduction="sum")
    assert_close(total, values.sum())
    assert_close(grad, [g[0] for g in expected])


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
@pytest.mark.parametrize("batch", BATCHES)
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_every_binary_op_with_a_shared_operand_sums_its_gradient(case, batch, data):
    rng = np.random.default_rng(batch)
    a = np.array(data.draw(st.lists(case.left, min_size=batch, max_size=batch)))
    b = data.draw(case.right)
    if case.min_gap:
        a = a + rng.choice([-1.0, 1.0], size=batch) * 10 * case.min_gap * max(1.0, abs(b))

    def f(u, v):
        return case.apply(u, v)

    mapped = vmap(f, in_axes=(0, None))
    values, expected = eager_rows(f, a, (b,))
    assert_close(mapped(a, b), values)
    mean, (da, db) = mapped.value_and_grad(a, b)  # reduction="mean"
    assert_close(mean, values.mean())
    assert_close(da, [g[0] / batch for g in expected])
    assert_close(db, sum(g[1] for g in expected) / batch)
    assert isinstance(db, float)


@settings(max_examples=30, deadline=None)
@given(
    batch=st.sampled_from(BATCHES),
    width=st.integers(1, 4),
    program=st.lists(
        st.tuples(st.booleans(), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 6)),
        min_size=1,
        max_size=30,
    ),
    outputs=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_random_graphs_mapped_over_a_batch_are_eager_per_sample(
    batch, width, program, outputs, seed
):
    """Shared nodes inside each sample's graph, a shared scale across samples."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(batch, width))
    scale = float(rng.uniform(0.2, 1.5))

    def f(xs, scale):
        nodes = list(xs) + [scale]
        for binary, i, j, k in program:
            a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
            if binary:
                nodes.append(SAFE_BINARY[k % 3](a, b).tanh())
            else:
                nodes.append(SAFE_UNARY[k](a))
        return left_sum(nodes[-outputs:]) * scale + nodes[0]

    mapped = vmap(f, in_axes=(0, None))
    values, expected = eager_rows(f, X, (scale,))
    total, (dX, dscale) = mapped.value_and_grad(X, scale, reduction="sum")
    assert_close(mapped(X, scale), values)
    assert_close(total, values.sum())
    assert_close(dX, np.array([g[0] for g in expected]))
    assert_close(dscale, sum(g[1] for g in expected))
    assert len(mapped.traces) == 1


def test_one_trace_serves_every_batch_size_and_parameters_are_captured():
    model = nn.MLP(3, [4, 2], seed=1)
    params = model.parameters()
    mapped = vmap(lambda x: model(x))
    rng = np.random.default_rng(0)
    for batch in BATCHES:
        X = rng.normal(size=(batch, 3))
        out = mapped(X)
        assert out.shape == (batch, 2)
        expected = np.array([[o.data for o in model(list(row))] for row in X])
        assert_close(out, expected)
    assert len(mapped.traces) == 1
    # d (sum of output 0 over the batch) / d parameter, against eager backward
    summed = vmap(lambda x: model(x)[0])
    X = rng.normal(size=(7, 3))
    _, _, grads = summed.value_and_grad(X, params=params, reduction="sum")
    for p in params:
        p.grad = 0.0
    left_sum([model(list(row))[0] for row in X]).backward()
    assert_close(grads, [p.grad for p in params])


def test_vmap_composes_with_jit():
    def f(x):
        return x * x

    mapped = vmap(f)
    assert jit(mapped) is mapped
    again = vmap(jit(f, check=True))
    assert again.check is True and again.in_axes == 0
    assert vmap(in_axes=(0,))(f)(np.array([1.0, 2.0])).tolist() == [1.0, 4.0]


def test_check_names_the_first_row_whose_branch_differs():
    def f(x):
        return x.tanh() if x.data > 0 else x.relu()

    X = np.array([1.0, 2.0, 3.0, -1.0, 4.0])
    checked = vmap(f, check=True)
    with pytest.raises(JitError, match=r"row 3, node 1 .*traced as tanh.*row 3 records relu"):
        checked(X)
    assert vmap(f)(X)[3] == pytest.approx(np.tanh(-1.0))  # unchecked: row 0's branch, baked
    assert checked(X[:3]).tolist() == pytest.approx(np.tanh(X[:3]).tolist())


def test_check_detects_a_sample_whose_graph_has_another_structure():
    def f(x):
        y = x * 2.0
        return y * y if x.data < 5 else y  # one node fewer past 5

    X = np.arange(10.0)
    with pytest.raises(JitError, match=r"row 5, the trace recorded 4 nodes, row 5 records 3"):
        vmap(f, check=10)(X)
    X[:9] = 0.0  # only the last row branches: the default spread of 8 rows includes it
    with pytest.raises(JitError, match=r"row 9, the trace recorded 4 nodes"):
        vmap(f, check=True)(X)


def test_check_catches_a_number_baked_in_one_row_and_compares_row_gradients():
    with pytest.raises(JitError, match=r"row 1, node \d+ .*baked"):
        vmap(lambda x: x * Value(x.data), check=True)(np.array([2.0, 3.0]))
    model = nn.MLP(2, [3, 1], seed=0)
    checked = vmap(lambda w, x: model(x) * w, in_axes=(None, 0), check=3)
    value, (dw, dx) = checked.value_and_grad(0.5, np.random.default_rng(1).normal(size=(20, 2)))
    assert np.isfinite(value) and dx.shape == (20, 2)


@pytest.mark.parametrize(
    ("in_axes", "args", "error", "message"),
    [
        ((0, 0), (np.ones(3), np.ones(4)), ValueError, r"argument 1 has 4 rows, expected 3"),
        ((0,), (np.ones(3), np.ones(3)), ValueError, r"in_axes has 1 entries.*2 arguments"),
        (0, (np.ones((2, 2, 2)),), ValueError, r"shape \(batch,\) or \(batch, n\).*\(2, 2, 2\)"),
        (0, (np.ones(0),), ValueError, "no rows"),
        (0, (2.0,), ValueError, r"shape \(batch,\)"),
        ((0, None), (np.ones(2), np.ones((2, 2))), ValueError, "1-D array"),
        (0, (Value(1.0),), TypeError, "is a Value"),
    ],
)
def test_vmap_errors_are_clear(in_axes, args, error, message):
    with pytest.raises(error, match=message):
        vmap(lambda *a: a[0] * 1.0 if not isinstance(a[0], list) else a[0][0], in_axes)(*args)


@pytest.mark.parametrize(
    ("in_axes", "message"),
    [(1, "in_axes must be 0"), ((0, 1), r"in_axes\[1\] must be 0"), ((None,), "maps no")],
)
def test_vmap_refuses_axes_it_does_not_support(in_axes, message):
    with pytest.raises(ValueError, match=message):
        vmap(lambda x: x, in_axes)


def test_value_and_grad_reductions_and_a_non_finite_row():
    f = vmap(lambda x: x * x)
    X = np.array([1.0, 2.0, 3.0])
    assert f.value_and_grad(X, reduction="sum")[0] == 14.0
    mean, (grad,) = f.value_and_grad(X)
    assert mean == pytest.approx(14.0 / 3) and grad.tolist() == pytest.approx([2 / 3, 4 / 3, 2.0])
    with pytest.raises(ValueError, match="reduction must be 'mean' or 'sum'"):
        f.value_and_grad(X, reduction="none")
    with pytest.raises(OverflowError, match=r"node \d+ \(\*, level 1\) is not finite in row 1"):
        f(np.array([1.0, 1e200]))


def test_a_layer_is_one_dot_group_a_matrix_product_equal_to_eager_up_to_rounding():
    """b + w1*x1 + ... with captured weights: one dot group per layer, W @ x + b, equal to
    eager's left-to-right chain up to rounding (a matrix product sums in its own order)."""
    model = nn.MLP(3, [5, 4, 1], activation="relu", seed=2)
    mapped = vmap(lambda x: model(x))
    X = np.random.default_rng(3).normal(size=(7, 3))
    plan = mapped.trace(X)
    assert [g.name for g in plan.groups] == ["dot", "relu", "dot", "relu", "dot"]
    assert [g.size for g in plan.groups] == [5, 5, 4, 4, 1]
    assert_close(mapped(X), [model(list(row)).data for row in X], tol=1e-14)
    summed = vmap(lambda x: model(x) * 1.0)
    _, (dX,), grads = summed.value_and_grad(X, params=model.parameters(), reduction="sum")
    params = model.parameters()
    for p in params:
        p.grad = 0.0
    rows = [[Value(v) for v in row] for row in X.tolist()]
    left_sum([model(r) for r in rows]).backward()
    assert_close(grads, [p.grad for p in params])
    assert_close(dX, [[v.grad for v in r] for r in rows])


def test_weights_get_their_gradient_summed_over_the_batch_and_no_per_sample_row():
    """A layer's weights and biases: captured_grads is eager's sum over the samples; their rows
    of the per-sample grads stay 0 (never filled); an input's row is its per-sample gradient."""
    model = nn.MLP(2, [3, 1], activation="tanh", seed=4)
    mapped = vmap(lambda x: model(x))
    X = np.random.default_rng(5).normal(size=(6, 2))
    replay = mapped.replay(X)
    replay.backward(np.ones(6))
    plan = replay.plan
    rows = replay.grads[plan.n_args : plan.n_args + len(plan.captured)]
    assert not rows.any()
    params = model.parameters()
    for p in params:
        p.grad = 0.0
    leaves = [[Value(v) for v in row] for row in X.tolist()]
    left_sum([model(r) for r in leaves]).backward()
    assert_close(replay.grads_of(params), [p.grad for p in params])
    assert_close(replay.grads[: plan.n_args].T, [[v.grad for v in r] for r in leaves])


def test_verify_compares_rows_once_without_check_mode():
    def f(x):
        return x.tanh() if x.data > 0 else x.relu()

    mapped = vmap(f)
    mapped.verify(np.array([1.0, 2.0, 3.0]))  # the same branch everywhere: nothing to say
    with pytest.raises(JitError, match=r"row 2, node 1 .*traced as tanh.*row 2 records relu"):
        mapped.verify(np.array([1.0, 2.0, -3.0]), rows=3)
    assert mapped.check is False


MODELS = {
    "neuron": lambda: nn.Neuron(3, "tanh", seed=0),
    "layer": lambda: nn.Layer(3, 4, "sigmoid", seed=1),
    **{
        act: (lambda act=act: nn.MLP(3, [5, 2], activation=act, seed=2))
        for act in ("relu", "tanh", "gelu", "elu", "leaky_relu", "softplus", "gelu_tanh")
    },
}


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("name", list(MODELS))
def test_every_nn_model_mapped_over_a_batch_is_eager_per_sample(name, batch):
    """Outputs per sample, and each parameter's gradient summed over the batch."""
    model = MODELS[name]()
    params = model.parameters()

    def first_output(x):
        out = model(x)
        return out if isinstance(out, Value) else left_sum(list(out))

    X = np.random.default_rng(batch).normal(size=(batch, 3)) * 2
    mapped = vmap(first_output)
    total, (dX,), grads = mapped.value_and_grad(X, params=params, reduction="sum")
    for p in params:
        p.grad = 0.0
    rows = [[Value(v) for v in row] for row in X.tolist()]
    outputs = [first_output(r) for r in rows]
    left_sum(outputs).backward()
    assert_close(mapped(X), [o.data for o in outputs])
    assert_close(total, sum(o.data for o in outputs))
    assert_close(grads, [p.grad for p in params])
    assert_close(dX, [[v.grad for v in r] for r in rows])


def test_an_output_returned_twice_gets_both_seeds():
    f = vmap(lambda x: [x * x, x * x][0:1] * 2)  # the same node, twice
    replay = f.replay(np.array([1.0, 3.0]))
    replay.backward(np.array([[1.0, 2.0], [10.0, 20.0]]))
    assert replay.argument_grads()[0].tolist() == [2.0 * 3.0, 6.0 * 30.0]
