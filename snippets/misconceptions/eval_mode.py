"""model.eval() switches layers such as dropout to evaluation behaviour; autograd keeps recording."""

import torch

torch.manual_seed(0)

# --8<-- [start:eval]
model = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.Dropout(p=0.5))
model.eval()
out = model(torch.ones(1, 4))

print(model.training)  # dropout is now switched off...
print(out.requires_grad, out.grad_fn.name())  # ...yet the graph is recorded
# --8<-- [end:eval]

# --8<-- [start:no-grad]
with torch.no_grad():  # this is what stops the recording
    out = model(torch.ones(1, 4))
print(out.requires_grad, out.grad_fn)
# --8<-- [end:no-grad]

# --8<-- [start:dropout]
drop = torch.nn.Dropout(p=0.5)
ones = torch.ones(8)
# training mode: each element zeroed with chance p, the rest scaled by 1/(1-p)
print(drop(ones))
drop.eval()
print(drop(ones))  # eval mode: passed through unchanged
# --8<-- [end:dropout]
