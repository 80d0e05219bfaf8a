"""Every elementary operation carries its own derivative rule; autograd only chains them."""

# --8<-- [start:rules]
import math

import torch

torch.manual_seed(0)

x0 = 0.5
rules = {  # operation: (what it computes, its derivative written by hand)
    "x + 3": (lambda x: x + 3, lambda x: 1.0),
    "4 * x": (lambda x: 4 * x, lambda x: 4.0),
    "x ** 3": (lambda x: x**3, lambda x: 3 * x**2),
    "exp(x)": (torch.exp, math.exp),
    "log(x)": (torch.log, lambda x: 1 / x),
    "sin(x)": (torch.sin, math.cos),
}

print(f"{'operation':<9} {'rule at 0.5':>12} {'autograd':>10}  grad_fn")
for name, (op, rule) in rules.items():
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    out = op(x)
    out.backward()
    print(f"{name:<9} {rule(x0):>12.6f} {x.grad.item():>10.6f}  {type(out.grad_fn).__name__}")
# --8<-- [end:rules]
