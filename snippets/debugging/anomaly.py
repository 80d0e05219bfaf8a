"""Anomaly mode names the backward node that failed; only the stable lines are printed."""

# --8<-- [start:first-line]
import warnings

import torch

torch.manual_seed(0)


def first_line(message):
    # The rest of the warning is a traceback with this machine's file paths in it.
    return str(message).splitlines()[0]
# --8<-- [end:first-line]


# --8<-- [start:nan]
p = torch.tensor([0.5, 0.5, 0.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught, torch.autograd.detect_anomaly():
    warnings.simplefilter("always")
    plogp = torch.where(p > 0, p * torch.log(p), torch.zeros_like(p))
    try:
        (-plogp.sum()).backward()
    except RuntimeError as error:
        print("RuntimeError:", error)
for w in caught:
    print(f"{w.category.__name__}: {first_line(w.message)}")
# --8<-- [end:nan]

# --8<-- [start:inplace]
x = torch.tensor([-1.0, 2.0, 3.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught, torch.autograd.detect_anomaly():
    warnings.simplefilter("always")
    out = torch.relu(x * 2)
    out += 1
    try:
        out.sum().backward()
    except RuntimeError as error:
        print("RuntimeError:", error)
for w in caught:
    print(f"{w.category.__name__}: {first_line(w.message)}")
# --8<-- [end:inplace]
