"""The chain rule on the home page's example: y = 2x + 3, pulled towards a target."""

import torch

torch.manual_seed(0)

# --8<-- [start:forward]
x = torch.tensor(1.0, requires_grad=True)
target = 9.0

y = 2 * x + 3  # step 1: the model's output
error = y - target  # step 2: how far from the target
loss = error**2  # step 3: one number that says "how bad"
print(f"y = {y.item()}, error = {error.item()}, loss = {loss.item()}")
# --8<-- [end:forward]

# --8<-- [start:by-hand]
dloss_derror = 2 * error.item()  # rule for squaring: d(e^2)/de = 2e
derror_dy = 1.0  # rule for subtracting a constant
dy_dx = 2.0  # rule for 2x + 3
print("chain of local slopes:", dloss_derror, "*", derror_dy, "*", dy_dx,
      "=", dloss_derror * derror_dy * dy_dx)
# --8<-- [end:by-hand]

# --8<-- [start:autograd]
loss.backward()
print("autograd says:", x.grad.item())
# --8<-- [end:autograd]

# --8<-- [start:step]
with torch.no_grad():
    x -= 0.05 * x.grad  # walk against the gradient: the compass points downhill
    new_y = 2 * x + 3
print(f"x = {x.item():.2f}, y = {new_y.item():.2f}, loss = {(new_y - target).item() ** 2:.2f}")
# --8<-- [end:step]
