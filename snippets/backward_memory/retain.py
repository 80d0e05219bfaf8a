"""How long saved tensors live: until backward, unless retain_graph=True or a reference keeps the graph."""

# --8<-- [start:live]
import weakref

import torch
from torch import nn
from torch.autograd.graph import saved_tensors_hooks

torch.manual_seed(0)


class LiveSaved(saved_tensors_hooks):
    """Counts the bytes of saved tensors that autograd still holds right now."""

    def __init__(self):
        self.bytes = 0

        class Box:  # what autograd stores instead of the tensor; freed when autograd lets go
            def __init__(box, tensor):
                box.tensor = tensor

        def pack(tensor):
            # detach(): the box must not point back into the graph, or graph and box
            # would keep each other alive
            box = Box(tensor.detach())
            self.bytes += tensor.nbytes
            weakref.finalize(box, self._release, tensor.nbytes)
            return box

        super().__init__(pack, lambda box: box.tensor)

    def _release(self, nbytes):
        self.bytes -= nbytes


model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
x = torch.randn(32, 64)
live = LiveSaved()
# --8<-- [end:live]

# --8<-- [start:retain]
with live:
    loss = model(x).square().mean()
per_graph = live.bytes
print("after forward:                 ", per_graph)
loss.backward(retain_graph=True)
print("after backward(retain_graph=True):", live.bytes)
loss.backward()
print("after a second backward():     ", live.bytes)
# --8<-- [end:retain]

# --8<-- [start:no-backward]
with live:
    loss = model(x).square().mean()
print("forward, no backward yet:", live.bytes)
del loss  # the last reference to the graph
print("after del loss:          ", live.bytes)
# --8<-- [end:no-backward]

# --8<-- [start:running-loss]
history = []
with live:
    for step in range(3):
        loss = model(x).square().mean()
        history.append(loss)  # keeps each step's whole graph alive
        print(f"step {step}: {live.bytes} bytes still saved")
history = []
print("after history = []:", live.bytes)  # `loss` still holds the last step's graph
del loss
print("after del loss:     ", live.bytes)
# --8<-- [end:running-loss]

# --8<-- [start:running-loss-fixed]
with live:
    for step in range(3):
        loss = model(x).square().mean()
        history.append(loss.item())  # a Python float: no graph attached
        print(f"step {step}: {live.bytes} bytes still saved")
# --8<-- [end:running-loss-fixed]
