"""The VJP of matmul: dX = dY·Wᵀ and dW = Xᵀ·dY, derived by hand and checked against autograd."""

# --8<-- [start:forward]
import torch
from torch.autograd.functional import jacobian

from autograd_illustrated.graphs import trace

torch.manual_seed(0)

X = torch.tensor([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]], requires_grad=True)  # 2 samples, 3 features
W = torch.tensor([[1.0, -1.0], [2.0, 0.0], [0.0, 1.0]], requires_grad=True)  # 3 in, 2 out
Y = X @ W
print(Y)
print("X", tuple(X.shape), " W", tuple(W.shape), " Y", tuple(Y.shape))
# --8<-- [end:forward]

# --8<-- [start:backward]
dY = torch.tensor([[1.0, 0.0], [2.0, -1.0]])  # dL/dY from further up: always Y's shape
record = trace(Y, {"X": X, "W": W, "Y": Y})
Y.backward(dY)
print(W.grad)
print(X.grad)
# --8<-- [end:backward]
from autograd_illustrated.graphs import save_annotated  # noqa: E402

save_annotated(record.graph(), "matmul")

# --8<-- [start:by-hand]
dW_hand = X.detach().T @ dY  # (3, 2) @ (2, 2) -> (3, 2)
dX_hand = dY @ W.detach().T  # (2, 2) @ (2, 3) -> (2, 3)
print("dW", tuple(dW_hand.shape), torch.equal(dW_hand, W.grad))
print("dX", tuple(dX_hand.shape), torch.equal(dX_hand, X.grad))
# --8<-- [end:by-hand]

# --8<-- [start:one-entry]
# W[1, 0] meets sample 0 and sample 1: one term each, added.
k, j = 1, 0
terms = [X[i, k].item() * dY[i, j].item() for i in range(2)]
print(terms, "sum:", sum(terms), " W.grad[1, 0]:", W.grad[k, j].item())
# --8<-- [end:one-entry]

# --8<-- [start:jacobian]
J = jacobian(lambda w: X.detach() @ w, W.detach())
print("Jacobian of Y with respect to W:", tuple(J.shape), J.numel(), "numbers")
vjp = torch.einsum("ij,ijkl->kl", dY, J)  # contract dY with the Y-indices of J
print(torch.equal(vjp, W.grad))
# --8<-- [end:jacobian]

# --8<-- [start:gradcheck]
# float64: finite differences in float32 are too coarse for gradcheck's tolerances.
X64 = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
W64 = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(torch.matmul, (X64, W64)))
# --8<-- [end:gradcheck]

# --8<-- [start:square-trap]
# With square matrices every (3, 3) product has W's shape, the wrong ones too.
A = torch.randn(3, 3)
B = torch.randn(3, 3, requires_grad=True)
dC = torch.randn(3, 3)
(dB,) = torch.autograd.grad(A @ B, B, dC)
right, wrong = A.T @ dC, dC @ A.T
print(tuple(right.shape), tuple(wrong.shape))
print("A.T @ dC:", torch.allclose(right, dB), "  dC @ A.T:", torch.allclose(wrong, dB))
# --8<-- [end:square-trap]

# --8<-- [start:wrong-seed]
Y = X @ W
Y.backward(torch.ones(3, 2))  # raises: RuntimeError
# --8<-- [end:wrong-seed]
