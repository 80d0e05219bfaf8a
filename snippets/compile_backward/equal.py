"""The same model, eager and compiled: the same gradients."""

# --8<-- [start:equal]
import copy

import torch
from torch import nn

torch.manual_seed(0)
torch._dynamo.reset()  # forget compilations cached by code that ran earlier in this process

model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 1))
twin = copy.deepcopy(model)  # the same weights, for the compiled run


def loss_of(net, inputs, targets):
    return nn.functional.mse_loss(net(inputs), targets)


inputs, targets = torch.randn(32, 8), torch.randn(32, 1)
loss_of(model, inputs, targets).backward()
loss = torch.compile(loss_of, backend="aot_eager")(twin, inputs, targets)
loss.backward()

for (name, p), q in zip(model.named_parameters(), twin.parameters(), strict=True):
    torch.testing.assert_close(q.grad, p.grad)  # raises if any gradient differs
    print(f"{name:9} max |difference| = {(q.grad - p.grad).abs().max().item()}")
print(loss.grad_fn.name())
# --8<-- [end:equal]
biggest_difference = max(
    (q.grad - p.grad).abs().max().item()
    for p, q in zip(model.parameters(), twin.parameters(), strict=True)
)

# --8<-- [start:twice]
loss.backward()  # raises: RuntimeError
# --8<-- [end:twice]
