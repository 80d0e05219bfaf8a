"""Gradients add up in .grad across backward() calls; zero_grad() clears them."""

# --8<-- [start:graph]
import inspect

import torch

torch.manual_seed(0)

w = torch.tensor([2.0], requires_grad=True)
x = torch.tensor([3.0])

loss = w * x
node = loss.grad_fn.next_functions[0][0]
print(loss.grad_fn)
print(node)
print(node.variable is w)
# --8<-- [end:graph]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402

save_graph(make_dot(loss, params={"w": w}), "accumulate-grad")

# --8<-- [start:twice]
loss = w * x  # forward pass: a new graph
loss.backward()
print(w.grad)

loss = w * x  # another forward pass, another graph
loss.backward()
print(w.grad)  # 3 + 3: the second gradient was added to the first
# --8<-- [end:twice]

# --8<-- [start:zero-grad]
optimizer = torch.optim.SGD([w], lr=0.1)
print(inspect.signature(optimizer.zero_grad))

optimizer.zero_grad()
print(w.grad)

loss = w * x
loss.backward()
print(w.grad)  # a fresh start: 3, not 9
# --8<-- [end:zero-grad]

# --8<-- [start:set-to-none-false]
optimizer.zero_grad(set_to_none=False)
print(w.grad)
# --8<-- [end:set-to-none-false]

# --8<-- [start:none-pitfall]
optimizer.zero_grad()
w.grad += 1  # raises: TypeError
# --8<-- [end:none-pitfall]
