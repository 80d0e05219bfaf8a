"""What a derivative means: nudge the input a little and watch the output move."""

# --8<-- [start:nudge]
import torch

torch.manual_seed(0)


def f(x):
    return 2 * x + 3


x = 1.0
for nudge in (1.0, 0.1, 0.01):
    change = f(x + nudge) - f(x)
    print(f"x: {x} -> {x + nudge:<5}  y: {f(x)} -> {f(x + nudge):<6.2f} "
          f"change in y / change in x = {change / nudge:.2f}")
# --8<-- [end:nudge]

# --8<-- [start:curve]
def g(x):
    return x * x  # a curve: its steepness depends on where you stand


for x in (1.0, 3.0):
    slope = (g(x + 0.001) - g(x)) / 0.001
    print(f"at x = {x}: slope of x*x is about {slope:.3f}")
# --8<-- [end:curve]

# --8<-- [start:autograd]
x = torch.tensor(1.0, requires_grad=True)
y = 2 * x + 3
y.backward()
print(y.item(), x.grad.item())
# --8<-- [end:autograd]
