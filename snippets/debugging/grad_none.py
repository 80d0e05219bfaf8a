"""Why .grad is None: each cause as a failing snippet, then its fix."""

# --8<-- [start:never-set]
import numpy as np
import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0])
w = torch.tensor([0.5, -1.0, 2.0])  # forgot requires_grad=True
b = torch.tensor(0.1, requires_grad=True)
loss = ((w * x).sum() + b) ** 2
loss.backward()  # runs: b requires grad, so there is a graph
print("w.grad:", w.grad, "  b.grad:", b.grad)
# --8<-- [end:never-set]

# --8<-- [start:never-set-all]
x = torch.tensor([1.0, 2.0, 3.0])
w = torch.tensor([0.5, -1.0, 2.0])
loss = (w * x).sum() ** 2
loss.backward()  # raises: RuntimeError
# --8<-- [end:never-set-all]

# --8<-- [start:never-set-fixed]
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
loss = ((w * x).sum() + b) ** 2
loss.backward()
print("w.grad:", w.grad)
# --8<-- [end:never-set-fixed]

# --8<-- [start:non-leaf]
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
h = w * x  # a result, not a leaf
loss = h.sum() ** 2
loss.backward()
print("h.grad:", h.grad)
# --8<-- [end:non-leaf]

# --8<-- [start:non-leaf-fixed]
h = w * x
h.retain_grad()  # ask for it before backward
loss = h.sum() ** 2
loss.backward()
print("h.grad:", h.grad)
# --8<-- [end:non-leaf-fixed]

# --8<-- [start:item]
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
total = (w * x).sum().item()  # a Python float: the graph ends here
loss = torch.tensor(total, requires_grad=True) ** 2  # "fixes" the error, not the bug
loss.backward()
print("loss:", loss.item(), "  w.grad:", w.grad)
# --8<-- [end:item]

# --8<-- [start:numpy]
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
np.tanh(w.numpy())  # raises: RuntimeError
squashed = torch.from_numpy(np.tanh(w.detach().numpy()))  # silences it, and cuts the graph
print(squashed.requires_grad, squashed.grad_fn)
# --8<-- [end:numpy]

# --8<-- [start:item-fixed]
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
loss = torch.tanh(w * x).sum() ** 2  # stay in torch from input to loss
loss.backward()
print("w.grad:", w.grad)
print(f"logging is fine once the graph is built: loss = {loss.item():.4f}")
# --8<-- [end:item-fixed]

# --8<-- [start:argmax]
logits = torch.tensor([[2.0, 0.5, -1.0]], requires_grad=True)
choice = logits.argmax(dim=1)  # an index: integers have no gradient
print(choice, choice.dtype, choice.requires_grad)
loss = (choice.float() - 2.0) ** 2
loss.backward()  # raises: RuntimeError
# --8<-- [end:argmax]

# --8<-- [start:argmax-fixed]
target = torch.tensor([2])
loss = torch.nn.functional.cross_entropy(logits, target)  # differentiable in every logit
loss.backward()
print(logits.grad)
# --8<-- [end:argmax-fixed]

# --8<-- [start:detach]
layer1, layer2 = torch.nn.Linear(3, 4), torch.nn.Linear(4, 1)
inputs = torch.randn(8, 3)
features = layer1(inputs).detach()  # meant for a log line, used for the loss as well
loss = layer2(torch.relu(features)).pow(2).mean()
loss.backward()
print("layer1.weight.grad:", layer1.weight.grad)
print("layer2.weight.grad is None:", layer2.weight.grad is None)
# --8<-- [end:detach]

# --8<-- [start:data]
layer1.weight.grad = None
features = layer1(inputs).data  # the old spelling cuts the same way, and hides in-place edits too
loss = layer2(torch.relu(features)).pow(2).mean()
loss.backward()
print("layer1.weight.grad:", layer1.weight.grad)
# --8<-- [end:data]

# --8<-- [start:no-grad]
@torch.no_grad()  # copied from an evaluation helper
def encode(batch):
    return torch.relu(layer1(batch))


loss = layer2(encode(inputs)).pow(2).mean()
loss.backward()
print("layer1.weight.grad:", layer1.weight.grad)
print("encode's output requires grad:", encode(inputs).requires_grad)
# --8<-- [end:no-grad]

# --8<-- [start:no-grad-global]
torch.set_grad_enabled(False)  # an evaluation loop that never switched it back
loss = layer2(torch.relu(layer1(inputs))).pow(2).mean()
loss.backward()  # raises: RuntimeError
torch.set_grad_enabled(True)
# --8<-- [end:no-grad-global]
