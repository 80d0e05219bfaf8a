"""Eager by default, a graph when you ask for one: torch.export, torch.compile, TorchScript."""

# --8<-- [start:model]
import warnings

import torch

torch.manual_seed(0)


class TinyNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(3, 2)

    def forward(self, x):
        return torch.relu(self.linear(x))


model = TinyNet()
example = torch.rand(4, 3)
print(model(example))  # eager: runs now, a value you can print and inspect
# --8<-- [end:model]

# --8<-- [start:export]
exported = torch.export.export(model, (example,))
print(exported.graph_module.code.strip())
print(torch.allclose(exported.module()(example), model(example)))
# --8<-- [end:export]

# --8<-- [start:compile]
compiled = torch.compile(model, backend="eager")  # "eager": capture the graph, skip codegen
print(torch.equal(compiled(example), model(example)))
# --8<-- [end:compile]

# --8<-- [start:torchscript]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.jit.script(model)
print(*{str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)}, sep="\n")
# --8<-- [end:torchscript]
