"""Per-sample gradients of an nn.Module: vmap over grad, checked against a loop."""

# --8<-- [start:setup]
import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call, grad, vmap

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
x = torch.randn(8, 4)
labels = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])
x[5] *= 10  # one unusual sample, to see whether its gradient stands out
params = {name: p.detach() for name, p in model.named_parameters()}
# --8<-- [end:setup]


# --8<-- [start:vmap]
def sample_loss(params, xi, yi):
    # vmap hands us one sample without its batch dimension; the module expects a
    # batch, so give it a batch of one.
    logits = functional_call(model, params, (xi.unsqueeze(0),))
    return F.cross_entropy(logits, yi.unsqueeze(0))


per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))(params, x, labels)
for name, g in per_sample.items():
    print(f"{name:9} {tuple(params[name].shape)} -> {tuple(g.shape)}")
# --8<-- [end:vmap]

# --8<-- [start:loop]
looped = {name: [] for name in params}
for i in range(len(x)):  # the slow, obvious way: one backward() per sample
    model.zero_grad()
    F.cross_entropy(model(x[i : i + 1]), labels[i : i + 1]).backward()
    for name, p in model.named_parameters():
        looped[name].append(p.grad.clone())
looped = {name: torch.stack(grads) for name, grads in looped.items()}

for name in params:
    gap = (per_sample[name] - looped[name]).abs().max().item()
    print(f"{name:9} allclose {torch.allclose(per_sample[name], looped[name])}  max gap {gap:.1e}")
# --8<-- [end:loop]

# --8<-- [start:norms]
flat = torch.cat([g.flatten(start_dim=1) for g in per_sample.values()], dim=1)
norms = flat.norm(dim=1)  # one gradient norm per sample
print(norms)
print(norms.argmax().item())
# --8<-- [end:norms]

# --8<-- [start:batchnorm]
with_bn = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.Linear(8, 3))
bn_params = {name: p.detach() for name, p in with_bn.named_parameters()}


def bn_sample_loss(params, xi, yi):
    logits = functional_call(with_bn, params, (xi.unsqueeze(0),))
    return F.cross_entropy(logits, yi.unsqueeze(0))


vmap(grad(bn_sample_loss), in_dims=(None, 0, 0))(bn_params, x, labels)  # raises: RuntimeError
# --8<-- [end:batchnorm]

# --8<-- [start:batchnorm-eval]
with_bn.eval()  # running statistics: each sample is normalised on its own
bn_grads = vmap(grad(bn_sample_loss), in_dims=(None, 0, 0))(bn_params, x, labels)
print(tuple(bn_grads["0.weight"].shape))
# --8<-- [end:batchnorm-eval]
