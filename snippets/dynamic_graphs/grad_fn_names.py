"""Common grad_fn names, each produced by a real operation, and what AccumulateGrad does."""

import torch

torch.manual_seed(0)

# --8<-- [start:names]
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)

results = {
    "a + b": a + b,
    "a - b": a - b,
    "a * b": a * b,
    "a / b": a / b,
    "a @ b": a @ b,  # matrix product
    "a.t()": a.t(),  # transpose
    "a.T": a.T,  # same values as a.t(), a different operation
    "a ** 2": a**2,
    "a.unsqueeze(0)": a.unsqueeze(0),
    "a.unsqueeze(0).squeeze()": a.unsqueeze(0).squeeze(),
    "a.relu()": a.relu(),
    "a.sigmoid()": a.sigmoid(),
    "a.exp()": a.exp(),
    "-a": -a,
    "a.sum()": a.sum(),
    "a.mean()": a.mean(),
}
for expression, result in results.items():
    print(f"{expression:<26} {result.grad_fn.name()}")
# --8<-- [end:names]

# --8<-- [start:digits]
# The trailing digit tells overloads of one operation apart; it does not count depth.
print((a**2).grad_fn.name(), (a**b).grad_fn.name(), (2**a).grad_fn.name())
print(a.mean().grad_fn.name(), a.mean(dim=0).grad_fn.name())
deep = a
for _ in range(3):
    deep = deep * 2  # three multiplications, one behind the other
node, names = deep.grad_fn, []
while type(node).__name__ != "AccumulateGrad":  # stop at the leaf
    names.append(node.name())
    node = node.next_functions[0][0]
print(names)
# --8<-- [end:digits]

# --8<-- [start:accumulate]
w = torch.tensor([4.0], requires_grad=True)
x = torch.tensor([1.0])  # needs no gradient, so it gets no node
h = w * x
print(h.grad_fn.next_functions)
accumulate = h.grad_fn.next_functions[0][0]
print(type(accumulate).__name__, accumulate.variable is w)

grads = []
for _ in range(3):
    (w * x * 2).backward()  # each backward pass adds 2 into w.grad
    grads.append(w.grad.item())
print(grads)

w.grad = None  # what optimizer.zero_grad() does by default
print(w.grad)
# --8<-- [end:accumulate]

# --8<-- [start:exceptions]
class Double(torch.autograd.Function):  # a custom operation (see Advanced autograd)
    @staticmethod
    def forward(ctx, t):
        return 2 * t

    @staticmethod
    def backward(ctx, grad):
        return 2 * grad


leaf = torch.ones(2, requires_grad=True)
patched = leaf * 1
patched[0] = 5.0  # an in-place write into part of a tensor
copied = torch.zeros(2, dtype=torch.float64)
copied.copy_(leaf)  # copy_ into another dtype
layer = torch.nn.Linear(2, 1)

nodes = {
    "leaf's own node": (leaf * 1).grad_fn.next_functions[0][0],
    "patched[0] = 5.0": patched.grad_fn,
    "copied.copy_(leaf)": copied.grad_fn,
    "Double.apply(leaf)": Double.apply(leaf).grad_fn,
    "layer(batch)": layer(torch.ones(3, 2)).grad_fn,
}
for made_by, fn in nodes.items():
    print(f"{made_by:<20} {type(fn).__name__}")  # name() prefixes some with torch::autograd::
# --8<-- [end:exceptions]

# --8<-- [start:once]
u = torch.tensor([3.0], requires_grad=True)
y = u * u + 2 * u  # u is used three times: dy/du = 2u + 2 = 8
square = y.grad_fn.next_functions[0][0]  # the node of u * u
u_node = square.next_functions[0][0]  # u's AccumulateGrad
print(type(u_node).__name__, square.next_functions[1][0] is u_node)

arrivals = []
u_node.register_prehook(lambda grads: arrivals.append(grads[0].item()))
y.backward()
print(arrivals, u.grad)  # one call, with 3 + 3 + 2 already added up
# --8<-- [end:once]
