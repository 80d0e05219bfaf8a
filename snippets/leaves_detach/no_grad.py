"""torch.no_grad() and torch.inference_mode(): what each one allows afterwards."""

import torch

torch.manual_seed(0)

# --8<-- [start:no-grad]
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    p = w * 2
print(p.requires_grad, p.is_leaf, p.grad_fn)
loss = (p * w).sum()  # p can still join a tracked computation later, as a constant
loss.backward()
print(w.grad)
# --8<-- [end:no-grad]

# --8<-- [start:update]
with torch.no_grad():
    w -= 0.1 * w.grad  # the usual optimizer step: an in-place edit nobody should record
print(w, w.is_leaf)
# --8<-- [end:update]

# --8<-- [start:update-error]
w -= 0.1 * w.grad  # raises: RuntimeError
# --8<-- [end:update-error]

# --8<-- [start:inference]
with torch.inference_mode():
    q = w * 2
print(q, q.requires_grad, q.is_inference())
# --8<-- [end:inference]

# --8<-- [start:inference-error]
loss = (q * w).sum()  # raises: RuntimeError
# --8<-- [end:inference-error]

# --8<-- [start:inference-inplace]
q.add_(1)  # raises: RuntimeError
print(q)  # the error came after the addition had already happened
# --8<-- [end:inference-inplace]

# --8<-- [start:inference-clone]
q_normal = q.clone()  # a clone made outside inference mode is an ordinary tensor
loss = (q_normal * w).sum()
print(q_normal.is_inference(), loss)
# --8<-- [end:inference-clone]
