"""The forward pass builds the graph; backward() frees what it saved."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:built-by-forward]
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp().sum()
print(y.grad_fn)  # the graph exists already: no backward() has run
print(y.grad_fn.next_functions[0][0]._saved_result)  # ExpBackward0 kept exp(x) for later
# --8<-- [end:built-by-forward]
save_graph(make_dot(y, params={"x": x}, show_saved=True), "saved-tensors")

# --8<-- [start:second-time]
before = y.grad_fn
y.backward()
print(x.grad)
print(y.grad_fn is before)  # backward() made no new graph
y.backward()  # raises: RuntimeError
# --8<-- [end:second-time]

# --8<-- [start:freed]
y.grad_fn.next_functions[0][0]._saved_result  # raises: RuntimeError
# --8<-- [end:freed]

# --8<-- [start:retain]
x.grad = None
y = x.exp().sum()
y.backward(retain_graph=True)  # keep the saved tensors
print(x.grad)
y.backward()  # allowed; this call frees them
print(x.grad)  # exp(x), added twice
# --8<-- [end:retain]

# --8<-- [start:nothing-saved]
x.grad = None
z = (x + 1).sum()
for node in (z.grad_fn, z.grad_fn.next_functions[0][0]):
    print(node.name(), [name for name in dir(node) if name.startswith("_saved")])
z.backward()
z.backward()  # no error: nothing was saved, so nothing was freed
print(x.grad)
# --8<-- [end:nothing-saved]
