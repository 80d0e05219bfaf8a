"""Tensor hooks and module hooks: look at gradients in flight, and rewrite them."""

# --8<-- [start:tensor-hook]
import torch
from torch import nn

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2  # an intermediate: its .grad is not kept
h.register_hook(lambda grad: print("gradient reaching h:", grad))
y = (h**2).sum()
y.backward()
print("x.grad:", x.grad)
# --8<-- [end:tensor-hook]

# --8<-- [start:rewrite]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
y = (h**2).sum()
handle = h.register_hook(lambda grad: grad.clamp(max=5.0))  # returns a new gradient
y.backward(retain_graph=True)
clipped = x.grad.clone()
print("with the hook:", clipped)

handle.remove()
x.grad = None
y.backward()
print("hook removed: ", x.grad)
# --8<-- [end:rewrite]

# --8<-- [start:module-hooks]
layer = nn.Linear(3, 2)
activations = {}


def keep_output(module, inputs, output):
    activations["linear"] = output.detach()  # a forward hook sees every output


def halve_input_grad(module, grad_input, grad_output):
    print("grad_output:", grad_output[0])
    print("grad_input: ", grad_input[0])
    return (grad_input[0] / 2,)  # replaces the gradient sent back to the input


layer.register_forward_hook(keep_output)
layer.register_full_backward_hook(halve_input_grad)

inp = torch.ones(1, 3, requires_grad=True)
layer(inp).sum().backward()
print("activations:", activations["linear"])
print("inp.grad:   ", inp.grad)
print("weight.grad:", layer.weight.grad)
# --8<-- [end:module-hooks]

# --8<-- [start:leaf-hook]
w = torch.tensor([1.0, -2.0], requires_grad=True)
w.register_hook(lambda grad: grad * 0)  # a hook on a leaf runs before .grad is written
(w * 3).sum().backward()
print(w.grad)
# --8<-- [end:leaf-hook]

# --8<-- [start:hook-no-grad]
plain = torch.ones(2)
plain.register_hook(lambda grad: grad)  # raises: RuntimeError
# --8<-- [end:hook-no-grad]
