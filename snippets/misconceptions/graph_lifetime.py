"""backward() makes no new graph: it uses the one the forward pass built, then frees it."""

import torch

torch.manual_seed(0)

# --8<-- [start:same-graph]
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()  # the forward pass builds the graph
node = y.grad_fn

y.backward()
print(y.grad_fn is node)  # still the very same node: no new graph appeared
y.backward()  # raises: RuntimeError
# --8<-- [end:same-graph]

# --8<-- [start:forward-builds]
y_again = (x * x).sum()  # running the forward pass again...
print(y_again.grad_fn is node)  # ...is what builds a new graph
# --8<-- [end:forward-builds]
