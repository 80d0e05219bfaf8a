"""Two ways a home-made engine goes wrong, and what they look like."""

from autograd_illustrated.engine import Value, topological_order


# --8<-- [start:assign]
def backward_that_assigns(root):
    """Our backward() with one character changed: `=` where it says `+=`."""
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads, strict=True):
            parent.grad = node.grad * local  # bug: the last use wins


a = Value(3.0, label="a")
y = a * a + a  # dy/da = 2a + 1 = 7
backward_that_assigns(y)
print("with = :", a.grad)
y.backward()
print("with +=:", a.grad)
# --8<-- [end:assign]

# --8<-- [start:deep]
x = Value(0.1, label="x")
h = x
for _ in range(5000):  # a 5000-step chain, like an unrolled loop
    h = h * 1.0001
h.backward()  # raises: RecursionError
# --8<-- [end:deep]
