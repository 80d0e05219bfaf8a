"""backward() adds into .grad; it never resets it. optimizer.step() reads .grad; it computes nothing."""

import torch

torch.manual_seed(0)

# --8<-- [start:adds-up]
w = torch.tensor([1.0, 2.0], requires_grad=True)
for _ in range(3):
    loss = (w * 3).sum()  # the same loss each time: d(loss)/dw = 3
    loss.backward()
    print(w.grad)
# --8<-- [end:adds-up]

# --8<-- [start:step-needs-grad]
w = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
optimizer = torch.optim.SGD([w], lr=0.1)

loss = (w**2).sum()
optimizer.step()  # no backward() yet: there is no gradient to use
print(w.grad, w.data)  # w has not moved

loss.backward()  # this is where the gradient is computed
print(w.grad)
optimizer.step()  # w <- w - lr * w.grad
print(w.data)
# --8<-- [end:step-needs-grad]
