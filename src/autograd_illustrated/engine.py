"""A reverse-mode autograd engine small enough to hold in your head.

One class, :class:`Value`, wraps a single float. Every arithmetic operation on values
returns a new value that remembers three things: which values it was made from, what the
operation was, and how much it moves when each of those inputs moves a little (its
*local derivatives*). :meth:`Value.backward` then visits the recorded graph from the
output back to the inputs and applies the chain rule. That is all PyTorch's autograd
does too, for tensors instead of single numbers, in C++ instead of Python.

The chapter "Build your own autograd" shows this file section by section: the
``# --8<-- [start:…]`` comments mark what the page includes, so the page shows this
code and nothing else.

    >>> a = Value(2.0, label="a")
    >>> b = Value(-3.0, label="b")
    >>> y = a * b + a
    >>> y.backward()
    >>> a.grad, b.grad
    (-2.0, 2.0)
"""

from __future__ import annotations

# --8<-- [start:value]
import math


class Value:
    """One number in a computation, and the record of how it was computed."""

    def __init__(self, data, parents=(), op="", local_grads=(), label=""):
        self.data = float(data)
        # d(output)/d(this value): 0 until backward() fills it in.
        self.grad = 0.0
        # The values this one was computed from; leaves have none.
        self.parents = tuple(parents)
        self.op = op
        # For each parent p, d(self)/d(p). Worked out now, while the
        # inputs are at hand: the chain rule will need it later.
        self.local_grads = tuple(local_grads)
        self.label = label

    def __repr__(self):
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.4g}, grad={self.grad:.4g})"

    # --8<-- [end:value]

    # --8<-- [start:add-mul]
    def __add__(self, other):
        other = as_value(other)
        # d(a+b)/da = 1, d(a+b)/db = 1: a sum passes a nudge on as is.
        out = self.data + other.data
        return Value(out, (self, other), "+", (1.0, 1.0))

    def __mul__(self, other):
        other = as_value(other)
        # d(a*b)/da = b, d(a*b)/db = a: each input is scaled by the other.
        out = self.data * other.data
        return Value(out, (self, other), "*", (other.data, self.data))

    # --8<-- [end:add-mul]

    # --8<-- [start:pow]
    def __pow__(self, exponent):
        if isinstance(exponent, Value):
            raise TypeError("only constant exponents: x ** 3, not x ** y")
        # d(x ** n)/dx = n * x ** (n - 1)
        return Value(
            self.data**exponent,
            (self,),
            f"**{exponent:g}",
            (exponent * self.data ** (exponent - 1),),
        )

    # --8<-- [end:pow]

    # --8<-- [start:unary]
    def exp(self):
        out = math.exp(self.data)
        # e^x is its own derivative, so reuse the forward result.
        return Value(out, (self,), "exp", (out,))

    def tanh(self):
        out = math.tanh(self.data)
        # d tanh(x)/dx = 1 - tanh(x)^2, again from the forward result.
        return Value(out, (self,), "tanh", (1.0 - out * out,))

    def relu(self):
        # Slope 1 right of 0, slope 0 left of it. At exactly 0 there is
        # no slope; like PyTorch, we pick 0.
        slope = 1.0 if self.data > 0 else 0.0
        return Value(max(self.data, 0.0), (self,), "relu", (slope,))

    # --8<-- [end:unary]

    # --8<-- [start:derived]
    # Built from the operations above, so no new derivative rules.
    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-as_value(other))

    def __truediv__(self, other):
        return self * as_value(other) ** -1

    # Python calls these when the number is on the left: 2 * x, 1 - x, 1 / x.
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return as_value(other) - self

    def __rtruediv__(self, other):
        return as_value(other) / self

    # --8<-- [end:derived]

    # --8<-- [start:backward]
    def backward(self):
        """Set ``.grad`` of every value this one depends on."""
        order = topological_order(self)
        for node in order:
            node.grad = 0.0  # forget gradients from an earlier call
        self.grad = 1.0  # d(self)/d(self)
        # Outputs before inputs: by the time we reach a node, every use
        # of it has added its share, so node.grad is complete.
        for node in reversed(order):
            for parent, local in zip(node.parents, node.local_grads, strict=True):
                # Chain rule: dself/dparent += dself/dnode * dnode/dparent
                # `+=`, not `=`: a value used twice gets a share per use.
                parent.grad += node.grad * local

    # --8<-- [end:backward]


# --8<-- [start:as-value]
def as_value(x):
    """Wrap a plain number so it can take part in the graph (as a constant)."""
    return x if isinstance(x, Value) else Value(x)


# --8<-- [end:as-value]


# --8<-- [start:topo]
def topological_order(root):
    """Every value ``root`` depends on, each after all its parents."""
    order, visited = [], set()

    def visit(node):
        if node in visited:  # shared subexpressions are listed once
            return
        visited.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)  # only after its parents: that is the whole trick

    visit(root)
    return order


# --8<-- [end:topo]
