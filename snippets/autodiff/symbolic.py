"""Symbolic differentiation writes out a formula; the formula can grow much faster than the program."""

# --8<-- [start:swell]
import sympy
import torch

torch.manual_seed(0)

x = sympy.Symbol("x")
expr = x
print("steps  size of f  size of f'")
for step in range(1, 6):
    expr = 4 * expr * (1 - expr)  # one more step of the same small program
    derivative = sympy.diff(expr, x)
    print(f"{step:>5}  {sympy.count_ops(expr):>9}  {sympy.count_ops(derivative):>10}")
# --8<-- [end:swell]

# --8<-- [start:compare]
value = 0.3
symbolic = float(derivative.subs(x, value))

t = torch.tensor(value, dtype=torch.float64, requires_grad=True)
out = t
for _ in range(5):
    out = 4 * out * (1 - out)  # the same program, run on numbers
out.backward()
print(f"symbolic: {symbolic:.10f}")
print(f"autograd: {t.grad.item():.10f}")
# --8<-- [end:compare]
