"""The build-your-own engine agrees with PyTorch, in float64, to within 1e-9.

Random expressions are built twice in lockstep, once with :class:`Value` and once with
float64 tensors, from a seeded generator. Each new step picks its operands from *all*
earlier steps, so subexpressions are shared (a value feeds several later ones), which is
exactly where an engine that assigns gradients instead of adding them goes wrong.
"""

from __future__ import annotations

import doctest
import math
import random
from dataclasses import dataclass

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd_illustrated import engine
from autograd_illustrated.engine import Value, topological_order

TOLERANCE = 1e-9
N_EXPRESSIONS = 400


def close(ours: float, theirs: float) -> bool:
    """Within 1e-9, relative for large numbers, absolute near zero."""
    return abs(ours - theirs) <= TOLERANCE * max(1.0, abs(theirs))


@dataclass
class Expression:
    leaves: list[tuple[Value, torch.Tensor]]
    output: tuple[Value, torch.Tensor]
    ops: list[str]
    shared: int  # how many steps were used as an operand more than once


def _binary(rng, a, b):
    """One random binary step on a pair (Value, tensor) x (Value, tensor)."""
    (va, ta), (vb, tb) = a, b
    choices = ["+", "-", "*"]
    if abs(vb.data) > 0.2:  # keep division well away from a zero denominator
        choices.append("/")
    op = rng.choice(choices)
    if op == "+":
        return op, (va + vb, ta + tb)
    if op == "-":
        return op, (va - vb, ta - tb)
    if op == "*":
        return op, (va * vb, ta * tb)
    return op, (va / vb, ta / tb)


def _unary(rng, a):
    va, ta = a
    choices = ["tanh", "relu", "neg", "**2", "**3"]
    if abs(va.data) < 3:  # exp of a bounded input keeps numbers (and rounding) small
        choices.append("exp")
    if va.data > 0.2:  # fractional and negative powers need a positive base
        choices += ["**0.5", "**-1.5"]
    if abs(va.data) > 0.2:
        choices.append("**-1")
    op = rng.choice(choices)
    if op == "tanh":
        return op, (va.tanh(), ta.tanh())
    if op == "relu":
        return op, (va.relu(), ta.relu())
    if op == "exp":
        return op, (va.exp(), ta.exp())
    if op == "neg":
        return op, (-va, -ta)
    exponent = float(op[2:])
    return op, (va**exponent, ta**exponent)


def _with_constant(rng, a):
    """A plain number on either side, so __radd__, __rsub__, __rtruediv__ … run too."""
    va, ta = a
    c = rng.choice([2.0, -0.5, 3.0, 1.5])
    op = rng.choice(["c+", "c-", "c*", "c/", "+c", "-c", "*c", "/c"])
    if op == "c/" and abs(va.data) <= 0.2:
        op = "c*"
    pairs = {
        "c+": (c + va, c + ta),
        "c-": (c - va, c - ta),
        "c*": (c * va, c * ta),
        "+c": (va + c, ta + c),
        "-c": (va - c, ta - c),
        "*c": (va * c, ta * c),
        "/c": (va / c, ta / c),
    }
    if op == "c/":
        return op, (c / va, c / ta)
    return op, pairs[op]


def random_expression(seed: int) -> Expression:
    rng = random.Random(seed)
    leaves = []
    for i in range(rng.randint(1, 4)):
        x = rng.uniform(-2.0, 2.0)
        leaves.append(
            (Value(x, label=f"x{i}"), torch.tensor(x, dtype=torch.float64, requires_grad=True))
        )
    pool = list(leaves)
    uses = [0] * len(pool)
    ops = []
    for _ in range(rng.randint(1, 14)):
        kind = rng.random()
        picked = [rng.randrange(len(pool)) for _ in range(2)]
        if kind < 0.45:
            op, step = _binary(rng, pool[picked[0]], pool[picked[1]])
        elif kind < 0.85:
            picked = picked[:1]
            op, step = _unary(rng, pool[picked[0]])
        else:
            picked = picked[:1]
            op, step = _with_constant(rng, pool[picked[0]])
        for i in picked:
            uses[i] += 1
        # Keep numbers moderate so that 1e-9 measures the engine, not float64 rounding.
        if abs(step[0].data) > 1e3:
            step = (step[0] * 1e-3, step[1] * 1e-3)
            op += ",scaled"
        pool.append(step)
        uses.append(0)
        ops.append(op)
    return Expression(leaves, pool[-1], ops, shared=sum(u > 1 for u in uses))


def _check(expr: Expression, seed: int) -> None:
    (value, tensor) = expr.output
    assert close(value.data, tensor.item()), (seed, expr.ops, value.data, tensor.item())
    value.backward()
    if tensor.requires_grad:
        tensor.backward()
    for v, t in expr.leaves:
        theirs = 0.0 if t.grad is None else t.grad.item()  # a leaf the output never used
        assert close(v.grad, theirs), (seed, v.label, expr.ops, v.grad, theirs)


def test_random_expressions_match_torch():
    for seed in range(N_EXPRESSIONS):
        _check(random_expression(seed), seed)


def test_generator_really_covers_sharing_and_every_operation():
    """Guards the test above: it proves nothing if the expressions are trivial."""
    exprs = [random_expression(seed) for seed in range(N_EXPRESSIONS)]
    ops = {op.split(",")[0] for e in exprs for op in e.ops}
    assert {"+", "-", "*", "/", "tanh", "relu", "exp", "neg", "**2", "**0.5", "**-1"} <= ops
    assert {"c+", "c-", "c*", "c/", "+c", "-c", "*c", "/c"} <= ops
    assert sum(e.shared > 0 for e in exprs) > N_EXPRESSIONS // 3
    assert max(len(e.ops) for e in exprs) >= 12


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    x=st.floats(-5, 5, allow_nan=False),
    y=st.floats(-5, 5, allow_nan=False),
    op=st.sampled_from(["+", "-", "*", "/", "exp", "tanh", "relu", "**3", "**0.5"]),
)
def test_each_operation_matches_torch(x, y, op):
    # Outside the operation's domain: a draw Hypothesis discards and replaces, not a pass.
    assume(not (op == "/" and abs(y) < 1e-3 or op == "**0.5" and x < 1e-3))
    vx, vy = Value(x), Value(y)
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    ty = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    build = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "exp": lambda a, b: a.exp() * b,
        "tanh": lambda a, b: a.tanh() * b,
        "relu": lambda a, b: a.relu() * b,
        "**3": lambda a, b: a**3 * b,
        "**0.5": lambda a, b: a**0.5 * b,
    }[op]
    ours, theirs = build(vx, vy), build(tx, ty)
    ours.backward()
    theirs.backward()
    assert close(ours.data, theirs.item())
    assert close(vx.grad, tx.grad.item())
    assert close(vy.grad, ty.grad.item())


def test_shared_subexpression_known_answer():
    # y = a*a + a: dy/da = 2a + 1 = 7 at a = 3, and a is reached three times.
    a = Value(3.0)
    y = a * a + a
    y.backward()
    assert a.grad == 7.0


def test_relu_at_zero_follows_torch():
    t = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    t.relu().backward()
    v = Value(0.0)
    v.relu().backward()
    assert v.grad == t.grad.item() == 0.0


def test_topological_order_lists_parents_first_and_each_node_once():
    for seed in range(50):
        value, _ = random_expression(seed).output
        order = topological_order(value)
        position = {id(node): i for i, node in enumerate(order)}
        assert len(position) == len(order)
        for node in order:
            for parent in node.parents:
                assert position[id(parent)] < position[id(node)]
        assert order[-1] is value


def test_backward_twice_gives_the_same_gradients():
    a, b = Value(0.5), Value(-1.5)
    y = (a * b).tanh() + a.exp()
    y.backward()
    first = (a.grad, b.grad)
    y.backward()
    assert (a.grad, b.grad) == first


def test_variable_exponent_is_refused():
    with pytest.raises(TypeError, match="constant exponents"):
        Value(2.0) ** Value(3.0)


def test_module_docstring_example():
    failures, tried = doctest.testmod(engine)
    assert tried > 0 and failures == 0


def test_exp_of_large_input_still_matches():
    v = Value(20.0)
    t = torch.tensor(20.0, dtype=torch.float64, requires_grad=True)
    v.exp().backward()
    t.exp().backward()
    assert math.isclose(v.grad, t.grad.item(), rel_tol=TOLERANCE)


TORCH_NAMES = {
    "+": "AddBackward0",
    "*": "MulBackward0",
    "tanh": "TanhBackward0",
    "exp": "ExpBackward0",
    "relu": "ReluBackward0",
}


def _edge_titles(graph):
    title = {node.id: TORCH_NAMES.get(node.title, node.title) for node in graph.nodes}
    return sorted((title[a], title[b]) for a, b in graph.edges)


@pytest.mark.parametrize(
    "build",
    [
        lambda a, b: (a * b + a).tanh(),
        lambda a, b: (a * a).exp() * b + b.relu(),
        lambda a, b: ((a + b) * (a + b)).tanh() * a,
    ],
)
def test_value_graph_has_the_shape_of_pytorchs_graph(build):
    """Drawn with the same renderer, our graph and PyTorch's have the same nodes,
    arrows and gradients (only the operation names differ)."""
    from autograd_illustrated.graphs import trace
    from autograd_illustrated.graphs.engine import value_graph

    a, b = Value(0.5, label="a"), Value(1.5, label="b")
    y = build(a, b)
    y.label = "y"
    y.backward()
    ta = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(1.5, dtype=torch.float64, requires_grad=True)
    ty = build(ta, tb)
    record = trace(ty, {"a": ta, "b": tb, "y": ty})
    ty.backward()

    ours, theirs = value_graph(y), record.graph()
    assert _edge_titles(ours) == _edge_titles(theirs)
    for name in ("a", "b", "y"):
        assert ours.by_title(name)[0].grad == theirs.by_title(name)[0].grad
        assert ours.by_title(name)[0].value == theirs.by_title(name)[0].value


@pytest.mark.parametrize(
    ("build", "inputs"),
    [
        # What the live cells run (snippets/try_it/cells.py, snippets/build_your_own/live.py),
        # at their values and at values a reader might try.
        (lambda x: 2 * x + 3, [3.0]),
        (lambda x: 5 * x + 3, [-1.5]),
        (lambda w, b, x: w * x + b, [2.0, 3.0, 4.0]),
        (lambda w, b, x: w * x + b, [2.0, 3.0, -1.0]),
        (lambda x: x * x + 2 * x, [3.0]),
        (lambda x: x * x + 2 * x, [-1.0]),
        (lambda a, b: (a * b + a).tanh(), [0.5, -2.0]),
        (lambda a, b: (a * b).exp() + a, [0.5, -2.0]),
    ],
)
def test_live_cell_expressions_match_pytorch(build, inputs):
    ours = [Value(v) for v in inputs]
    theirs = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in inputs]
    y, ty = build(*ours), build(*theirs)
    y.backward()
    ty.backward()
    assert math.isclose(y.data, ty.item(), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    for v, t in zip(ours, theirs, strict=True):
        assert math.isclose(v.grad, t.grad.item(), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
