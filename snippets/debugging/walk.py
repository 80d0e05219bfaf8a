"""Walk grad_fn from the loss and list the parameters it reaches: a cut graph misses some."""

import torch

torch.manual_seed(0)


# --8<-- [start:walk]
def reachable(loss, named_parameters):
    """Names of the parameters whose AccumulateGrad node the backward pass of loss would reach."""
    owner = {id(p): name for name, p in named_parameters}
    found, seen, todo = [], set(), [loss.grad_fn]
    while todo:
        node = todo.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        leaf = getattr(node, "variable", None)  # only AccumulateGrad nodes have one
        if leaf is not None and id(leaf) in owner:
            found.append(owner[id(leaf)])
        todo.extend(next_node for next_node, _ in node.next_functions)
    return sorted(found)
# --8<-- [end:walk]


# --8<-- [start:check]
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
inputs = torch.randn(8, 3)
features = model[1](model[0](inputs)).detach()  # the cut
loss = model[2](features).pow(2).mean()

everything = sorted(name for name, _ in model.named_parameters())
reached = reachable(loss, model.named_parameters())
print("reached:", reached)
print("cut off:", sorted(set(everything) - set(reached)))
# --8<-- [end:check]


# --8<-- [start:path]
def show(node, names, depth=0):
    """Print the backward graph under node; None marks an input with no history."""
    pad = "  " * depth
    if node is None:
        print(f"{pad}None   <- no history: a constant, or a cut")
        return
    leaf = getattr(node, "variable", None)
    label = f"AccumulateGrad ({names[id(leaf)]})" if leaf is not None else node.name()
    print(pad + label)
    for next_node, _ in node.next_functions:
        show(next_node, names, depth + 1)


names = {id(p): name for name, p in model.named_parameters()}
show(loss.grad_fn, names)
# --8<-- [end:path]
