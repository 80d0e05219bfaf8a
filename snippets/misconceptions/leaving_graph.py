"""`.item()` and `torch.tensor(t)` both leave the graph behind: the gradient cannot follow."""

import torch

torch.manual_seed(0)

# --8<-- [start:item]
w = torch.tensor(3.0, requires_grad=True)
loss = w * w
number = loss.item()
print(type(number), number)  # a plain Python float: no graph attached

rebuilt = torch.tensor(number, requires_grad=True)  # a brand-new leaf
rebuilt.backward()
print(rebuilt.grad, w.grad)  # it stopped at the new leaf; w got nothing
# --8<-- [end:item]

# --8<-- [start:copy]
copied = torch.tensor(loss)
print(copied.requires_grad, copied.grad_fn, copied.is_leaf)
# --8<-- [end:copy]
