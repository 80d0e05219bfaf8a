"""The graph is recorded while the code runs, so Python control flow shapes it."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)


# --8<-- [start:function]
def forward(x, w):
    y = w * x
    if y.sum() > 0:  # an ordinary Python `if`, decided by the data
        y = y * y
    else:
        y = -y
    while y.abs().max() < 10:  # a loop whose length depends on the data
        y = y * 3
    return y.sum()


def op_names(output):
    """Names of the graph's nodes, walked from the output towards the leaves."""
    names, seen, todo = [], set(), [output.grad_fn]
    while todo:
        node = todo.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        names.append(type(node).__name__)
        todo.extend(parent for parent, _ in node.next_functions)
    return names


# --8<-- [end:function]


# --8<-- [start:two-graphs]
w = torch.tensor([1.0, 2.0], requires_grad=True)

positive = forward(torch.tensor([2.0, 1.0]), w)
negative = forward(torch.tensor([-2.0, -1.0]), w)

print(op_names(positive))
print(op_names(negative))
# --8<-- [end:two-graphs]

save_graph(make_dot(positive, params={"w": w}), "positive")
save_graph(make_dot(negative, params={"w": w}), "negative")

# --8<-- [start:fresh-each-time]
x = torch.tensor([2.0, 1.0])
first = forward(x, w)
second = forward(x, w)
print(first.item() == second.item())
print(first.grad_fn is second.grad_fn)
# --8<-- [end:fresh-each-time]

# --8<-- [start:gradients]
positive.backward()
print(w.grad)
w.grad = None
negative.backward()
print(w.grad)
# --8<-- [end:gradients]
