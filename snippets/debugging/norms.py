"""Per-layer gradient norms from hooks: a healthy network next to one whose gradients vanish."""

# --8<-- [start:hooks]
import torch
from torch import nn

torch.manual_seed(0)


def watch_gradient_norms(model):
    """Record the gradient norm of every Linear layer's weight as backward computes it."""
    norms = {}
    handles = []
    for index, layer in enumerate(m for m in model if isinstance(m, nn.Linear)):

        def record(grad, index=index):
            norms[index + 1] = grad.norm().item()

        handles.append(layer.weight.register_hook(record))
    return norms, handles
# --8<-- [end:hooks]

from autograd_illustrated.figures import new_figure, save_figure  # noqa: E402


# --8<-- [start:networks]
def mlp(activation, depth=10, width=64, init=None):
    layers = []
    for _ in range(depth):
        linear = nn.Linear(width, width)
        if init is not None:
            init(linear.weight)
        layers += [linear, activation()]
    return nn.Sequential(*layers)


inputs = torch.randn(32, 64)
networks = {
    "healthy (tanh, Xavier init)": mlp(
        nn.Tanh, init=lambda w: nn.init.xavier_normal_(w, gain=nn.init.calculate_gain("tanh"))
    ),
    "broken (sigmoid, default init)": mlp(nn.Sigmoid),
}
measured = {}
for name, model in networks.items():
    norms, handles = watch_gradient_norms(model)
    model(inputs).pow(2).mean().backward()
    for handle in handles:
        handle.remove()  # hooks outlive the step they were meant for unless removed
    measured[name] = [norms[i] for i in sorted(norms)]
    first, last = measured[name][0], measured[name][-1]
    print(f"{name:31} layer 1: {first:.2e}   layer 10: {last:.2e}   10 / 1: {last / first:.3g}")
# --8<-- [end:networks]

# Words in a figure would be in one language on both pages: the legend names the
# activations, which read the same in both, and the axes are math.
fig, ax = new_figure(height=3.6)
for (name, values), color, marker in zip(measured.items(), ("C0", "C3"), ("o", "s"), strict=True):
    label = name.split("(")[1].split(",")[0]
    ax.semilogy(range(1, len(values) + 1), values, color=color, marker=marker, label=label)
ax.set_xlabel(r"$\ell$")
ax.set_ylabel(r"$\|\nabla W_\ell\|$")
ax.set_xticks(range(1, 11))
ax.legend()
save_figure(fig, "layer-norms")

# --8<-- [start:post-accumulate]
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.register_hook(lambda grad: print("  tensor hook sees the incoming gradient:", grad))
w.register_post_accumulate_grad_hook(lambda p: print("  post-accumulate hook sees p.grad:   ", p.grad))
for step in range(2):  # two backward passes, no zero_grad in between
    print(f"backward {step}")
    (w * 3).sum().backward()
# --8<-- [end:post-accumulate]

# --8<-- [start:step-in-backward]
model = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1))
order = []


def step_now(p, lr=0.1):
    """Update p the moment its gradient is complete, then free the gradient."""
    with torch.no_grad():
        p.add_(p.grad, alpha=-lr)
    p.grad = None
    order.append(names[p])


names = {p: name for name, p in model.named_parameters()}
for p in model.parameters():
    p.register_post_accumulate_grad_hook(step_now)
model(torch.randn(8, 4)).pow(2).mean().backward()
print("updated in this order:", order)
print("any .grad left:", any(p.grad is not None for p in model.parameters()))
# --8<-- [end:step-in-backward]
