"""The four errors readers meet most, each caused the usual way, then fixed."""

import torch

torch.manual_seed(0)

# --8<-- [start:second-backward]
w = torch.tensor(0.9, requires_grad=True)
hidden = torch.tensor(1.0)
for _ in range(2):
    hidden = torch.tanh(w * hidden)  # carries step 0's graph into step 1
    loss = (hidden - 0.5) ** 2
    loss.backward()  # raises: RuntimeError
# --8<-- [end:second-backward]

# --8<-- [start:second-backward-fixed]
w.grad = None
hidden = torch.tensor(1.0)
for step in range(2):
    hidden = torch.tanh(w * hidden.detach())  # keep the value, drop the old history
    loss = (hidden - 0.5) ** 2
    loss.backward()
    print(f"step {step}: loss {loss.item():.4f}, w.grad {w.grad.item():.4f}")
# --8<-- [end:second-backward-fixed]

# --8<-- [start:inplace]
x = torch.tensor([-1.0, 2.0, 3.0], requires_grad=True)
out = torch.relu(x * 2)  # relu's backward reads its own output
out += 1  # "saves memory"
out.sum().backward()  # raises: RuntimeError
# --8<-- [end:inplace]

# --8<-- [start:inplace-fixed]
out = torch.relu(x * 2)
out = out + 1  # a new tensor; relu's output stays as it was saved
out.sum().backward()
print(x.grad)
# --8<-- [end:inplace-fixed]

# --8<-- [start:non-scalar]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
per_example = (x - 2.0) ** 2  # one loss per example, not yet reduced
per_example.backward()  # raises: RuntimeError
# --8<-- [end:non-scalar]

# --8<-- [start:non-scalar-fixed]
per_example.mean().backward()  # reduce first (or pass gradient=… for a vector–Jacobian product)
print(x.grad)
# --8<-- [end:non-scalar-fixed]

# --8<-- [start:integer]
counts = torch.tensor([1, 2, 3], requires_grad=True)  # raises: RuntimeError
counts = torch.tensor([1, 2, 3])
scaled = counts.float().requires_grad_()  # make the float copy the leaf
(scaled ** 2).sum().backward()
print(scaled.grad)
# --8<-- [end:integer]
