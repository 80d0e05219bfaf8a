"""torch.no_grad() does not just save memory: nothing computed inside it can be backpropagated."""

import torch

torch.manual_seed(0)

# --8<-- [start:no-grad]
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    print(w.requires_grad)  # the parameter itself is unchanged...
    loss = (w**2).sum()
print(loss.requires_grad, loss.grad_fn)  # ...but nothing was recorded
loss.backward()  # raises: RuntimeError
# --8<-- [end:no-grad]
