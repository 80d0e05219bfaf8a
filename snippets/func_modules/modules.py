"""torch.func on an nn.Module: parameters become an argument with functional_call."""

# --8<-- [start:setup]
import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call, grad, grad_and_value

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
x = torch.randn(6, 3)
y = torch.randn(6, 1)

# detach(): the values torch.func differentiates are the ones we pass in, not the
# module's own parameters, so they need no autograd history of their own.
params = {name: p.detach() for name, p in model.named_parameters()}
print(list(params))
# --8<-- [end:setup]

# --8<-- [start:call]
print(torch.equal(functional_call(model, params, (x,)), model(x)))

zeros = {name: torch.zeros_like(p) for name, p in params.items()}
print(functional_call(model, zeros, (x,)).flatten())  # same module, other parameters
print(model(x).flatten())  # the module's own parameters were never touched
# --8<-- [end:call]


# --8<-- [start:grad]
def loss_fn(params, x, y):
    return F.mse_loss(functional_call(model, params, (x,)), y)


grads = grad(loss_fn)(params, x, y)  # a dict in, a dict of gradients out
for name, g in grads.items():
    print(f"{name:9} {tuple(g.shape)}")
print(model[0].weight.grad)  # torch.func returns gradients; it stores nothing in .grad
# --8<-- [end:grad]

# --8<-- [start:against-backward]
F.mse_loss(model(x), y).backward()  # the ordinary way, for comparison
for name, p in model.named_parameters():
    print(f"{name:9} {torch.allclose(grads[name], p.grad)}")
# --8<-- [end:against-backward]

# --8<-- [start:grad-and-value]
grads, loss = grad_and_value(loss_fn)(params, x, y)  # one forward pass gives both
print(loss)
print(grads["2.bias"])
# --8<-- [end:grad-and-value]


# --8<-- [start:has-aux]
def loss_and_report(params, x, y):
    pred = functional_call(model, params, (x,))
    loss = F.mse_loss(pred, y)
    report = {"worst": (pred - y).abs().max(), "pred": pred}
    return loss, report  # with has_aux=True: differentiate the first, carry the second


grads, (loss, report) = grad_and_value(loss_and_report, has_aux=True)(params, x, y)
print(loss, report["worst"])
print(report["pred"].requires_grad)  # plain values: nothing to differentiate through
print(torch.equal(grads["2.bias"], grad(loss_fn)(params, x, y)["2.bias"]))
# --8<-- [end:has-aux]

# --8<-- [start:no-aux]
grad(loss_and_report)(params, x, y)  # raises: RuntimeError
# --8<-- [end:no-aux]

# --8<-- [start:argnums]
grad_params, grad_x = grad(loss_fn, argnums=(0, 1))(params, x, y)
print(type(grad_params).__name__, tuple(grad_x.shape))

saliency = grad(loss_fn, argnums=1)(params, x, y)  # inputs only: no parameter gradients
x_leaf = x.clone().requires_grad_()
(reference,) = torch.autograd.grad(F.mse_loss(model(x_leaf), y), x_leaf)
print(torch.allclose(saliency, reference), torch.equal(saliency, grad_x))
print(saliency[:2])
# --8<-- [end:argnums]

# --8<-- [start:typo]
typo = dict(params)
typo["0.wieght"] = typo.pop("0.weight") * 0  # meant to zero the first layer's weight
print(torch.equal(functional_call(model, typo, (x,)), model(x)))  # the zeros went unused
functional_call(model, typo, (x,), strict=True)  # raises: RuntimeError
# --8<-- [end:typo]
