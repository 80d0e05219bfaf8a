"""What create_graph=True costs in memory, counted with saved-tensor hooks (no timing)."""

# --8<-- [start:log]
import warnings
import weakref

import torch
from torch.autograd.graph import saved_tensors_hooks

torch.manual_seed(0)


class Saved:
    """The box autograd keeps instead of a saved tensor. While the box lives, so does
    the tensor; once the weak reference to the box is dead, autograd has let it go."""

    def __init__(self, tensor):
        # detach(): a saved output holding its own grad_fn through the box would make a
        # reference cycle and never be freed. Autograd reattaches the history on unpack.
        self.tensor = tensor.detach()


class SavedLog:
    def __init__(self):
        self.entries = []  # (weak reference to the box, storage address, bytes)

    def hooks(self):
        def pack(tensor):
            box = Saved(tensor)
            storage = tensor.untyped_storage()
            self.entries.append((weakref.ref(box), storage.data_ptr(), storage.nbytes()))
            return box

        return saved_tensors_hooks(pack, lambda box: box.tensor)


def storage_bytes(entries):
    return sum(dict((ptr, size) for _, ptr, size in entries).values())  # views share storage


def saved(*logs):
    """Everything ever saved: (number of tensors, bytes)."""
    entries = [e for log in logs for e in log.entries]
    return len(entries), storage_bytes(entries)


def held(*logs):
    """Bytes of saved tensors that autograd still holds on to."""
    return storage_bytes([e for log in logs for e in log.entries if e[0]() is not None])


# --8<-- [end:log]

# --8<-- [start:model]
net = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
params = list(net.parameters())


def step(batch, create_graph):
    forward_log, backward_log = SavedLog(), SavedLog()
    x = torch.randn(batch, 4)
    with forward_log.hooks():
        loss = net(x).pow(2).mean()
    with backward_log.hooks():
        grads = torch.autograd.grad(loss, params, create_graph=create_graph)
    return forward_log, backward_log, grads


# --8<-- [end:model]

# --8<-- [start:plain]
forward_log, backward_log, grads = step(batch=8, create_graph=False)
print("forward pass saved:  {} tensors, {} bytes".format(*saved(forward_log)))
print("backward pass saved: {} tensors, {} bytes".format(*saved(backward_log)))
print(f"held after grad():   {held(forward_log, backward_log)} bytes")
print("gradient has a grad_fn:", grads[0].grad_fn is not None)
# --8<-- [end:plain]

# --8<-- [start:create]
forward_log, backward_log, grads = step(batch=8, create_graph=True)
print("forward pass saved:  {} tensors, {} bytes".format(*saved(forward_log)))
print("backward pass saved: {} tensors, {} bytes".format(*saved(backward_log)))
print(f"held after grad():   {held(forward_log, backward_log)} bytes")
print("gradient has a grad_fn:", grads[0].grad_fn is not None)
# --8<-- [end:create]

# --8<-- [start:release]
del grads  # the gradients were the last owners of both graphs
print(f"held after del grads: {held(forward_log, backward_log)} bytes")
# --8<-- [end:release]

# --8<-- [start:scaling]
print(f"{'batch':>5} {'forward saved':>14} {'held, plain':>12} {'held, create_graph':>19}")
rows = {}
for batch in (8, 64, 512):
    # The gradients are kept in variables: what they hold on to is what we measure.
    f_log, b_log, plain_grads = step(batch, create_graph=False)
    plain = held(f_log, b_log)
    f_log, b_log, create_grads = step(batch, create_graph=True)
    rows[batch] = (saved(f_log)[1], plain, held(f_log, b_log))
    print(f"{batch:>5} {rows[batch][0]:>12} B {rows[batch][1]:>10} B {rows[batch][2]:>17} B")
# --8<-- [end:scaling]

# --8<-- [start:backward-cycle]
torch.set_warn_always(True)  # PyTorch gives this warning once per process otherwise
log = SavedLog()
with log.hooks(), warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = net(torch.randn(8, 4)).pow(2).mean()
    loss.backward(create_graph=True)
torch.set_warn_always(False)
print(f"{caught[0].category.__name__}: {caught[0].message}")
del loss
print(f"held after del loss:  {held(log)} bytes")  # each .grad still owns its graph
net.zero_grad(set_to_none=True)
print(f"held after zero_grad: {held(log)} bytes")
# --8<-- [end:backward-cycle]
