"""torch.func: gradients as functions, vectorised with vmap."""

# --8<-- [start:grad]
import torch
from torch.func import grad, hessian, jacfwd, jacrev, vmap

torch.manual_seed(0)


def cube(x):
    return x**3


dcube = grad(cube)  # a new function: x -> 3x²
d2cube = grad(grad(cube))  # x -> 6x
x = torch.tensor(3.0)
print(dcube(x), d2cube(x))
# --8<-- [end:grad]

# --8<-- [start:vmap]
xs = torch.tensor([1.0, 2.0, 3.0])
print(vmap(dcube)(xs))  # dcube on each element, in one batched call
# --8<-- [end:vmap]


# --8<-- [start:jac]
def f(x):
    return torch.stack([x[0] * x[1], x[0].sin(), x[1] ** 2])


point = torch.tensor([1.0, 2.0])
print(jacrev(f)(point))
print(torch.equal(jacrev(f)(point), jacfwd(f)(point)))
# --8<-- [end:jac]


# --8<-- [start:hessian]
def g(x):
    return (x**3).sum() + x[0] * x[1]


print(hessian(g)(torch.tensor([1.0, 2.0])))
# --8<-- [end:hessian]

# --8<-- [start:hvp]
from torch.func import jvp  # noqa: E402 - shown where it is first needed

point = torch.tensor([1.0, 2.0])
direction = torch.tensor([1.0, 0.0])
_, hvp = jvp(grad(g), (point,), (direction,))  # forward mode over the reverse-mode gradient
print(hvp, hessian(g)(point) @ direction)
# --8<-- [end:hvp]

# --8<-- [start:inner-saves]
saved = []


def keep(t):  # called for every tensor the recording saves for the backward pass
    saved.append(t)
    return t


x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(keep, lambda t: t):
    g(x)  # the forward half of the reverse pass inside grad(g)
print(len(saved), [tuple(t.shape) for t in saved])
# --8<-- [end:inner-saves]

# --8<-- [start:per-sample]
weights = torch.tensor([0.5, -1.0])
inputs = torch.tensor([[1.0, 2.0], [3.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
targets = torch.tensor([0.0, 1.0, 2.0, 0.0])


def sample_loss(w, x, target):
    return (x @ w - target) ** 2


# grad w.r.t. w; vmap over the samples (in_dims: w shared, x and target batched)
per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))(weights, inputs, targets)
print(per_sample)
print(per_sample.mean(0))
# --8<-- [end:per-sample]

# --8<-- [start:check-mean]
w = weights.clone().requires_grad_()
((inputs @ w - targets) ** 2).mean().backward()
print(w.grad)  # the ordinary batch gradient is the mean of the per-sample ones
# --8<-- [end:check-mean]

# --8<-- [start:vmap-if]
def step(x):
    return x if x > 0 else -x  # a Python `if` on a batched value


vmap(step)(torch.tensor([1.0, -2.0]))  # raises: RuntimeError
# --8<-- [end:vmap-if]

# --8<-- [start:item-error]
grad(lambda x: x.item() ** 2)(torch.tensor(3.0))  # raises: RuntimeError
# --8<-- [end:item-error]
