"""Claims from the source articles, each checked against what PyTorch actually does."""

# --8<-- [start:jacobian]
import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)

ones = torch.ones(3)
J = jacobian(lambda t: 2 * t, ones)  # y = 2x at x = (1, 1, 1): each output depends on one input
print(J)  # a 3×3 matrix of partial derivatives
print(torch.linalg.det(J))  # its determinant: one number, which cannot give vᵀJ
v = torch.tensor([0.1, 1.0, 0.0001])
print(v @ J)  # what y.backward(v) puts into x.grad
# --8<-- [end:jacobian]

# --8<-- [start:stationary]
points = {
    "x² (a minimum)": lambda p: p[0] ** 2,
    "-x² (a maximum)": lambda p: -p[0] ** 2,
    "x² - y² (a saddle)": lambda p: p[0] ** 2 - p[1] ** 2,
}
for name, f in points.items():
    p = torch.zeros(2, requires_grad=True)
    f(p).backward()
    print(f"{name:<20} gradient at (0, 0): {(p.grad + 0.0).tolist()}")  # + 0.0 turns -0.0 into 0.0
# --8<-- [end:stationary]

# --8<-- [start:one-step]
w = torch.tensor(0.0, requires_grad=True)
for step in range(3):
    loss = (w - 3) ** 2  # this step's forward pass records this step's graph
    first = loss.grad_fn.next_functions[0][0]
    graph = [loss.grad_fn.name(), first.name(), type(first.next_functions[0][0]).__name__]
    print(f"step {step}: w = {w.item():.2f}, graph: {' <- '.join(graph)}")
    loss.backward()  # walks back through those nodes only, not through earlier steps
    with torch.no_grad():
        w -= 0.25 * w.grad  # the step downhill: against the gradient
    w.grad = None
# --8<-- [end:one-step]

# --8<-- [start:forward-records]
a = torch.tensor(3.0, requires_grad=True)
b = a * a + 1  # forward pass only
print(a.grad)  # no gradient yet: the forward pass computed none
print(b.item(), b.grad_fn.name(), b.grad_fn.next_functions[0][0].name())  # a value and the ops
print(b.grad_fn.next_functions[0][0]._saved_self)  # and the value the backward pass will need
b.backward()
print(a.grad)  # gradients appear only now
# --8<-- [end:forward-records]
