"""Anomaly detection: find the operation whose backward produced NaN."""

# --8<-- [start:silent]
import re
import warnings

import torch

torch.manual_seed(0)

x = torch.tensor([0.0, 4.0], requires_grad=True)
y = (torch.sqrt(x) * 0).sum()  # forward is fine: sqrt(0) = 0, and times 0 is 0
y.backward()
print(y, x.grad)  # a NaN, and nothing says where it came from
# --8<-- [end:silent]


# --8<-- [start:detect]
def where_it_was_made(message):
    """The warning's first line and its innermost frame, without folders in the path."""
    lines = str(message).splitlines()
    frames = [i for i, line in enumerate(lines) if line.strip().startswith("File ")]
    if not frames:
        return lines[0]
    last = frames[-1]  # innermost: the line that called the operation
    frame = re.sub(r'File ".*[/\\]', 'File "', lines[last])
    return "\n".join([lines[0], frame, lines[last + 1]])


x = torch.tensor([0.0, 4.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        y = (torch.sqrt(x) * 0).sum()  # anomaly mode notes where each node was made
        try:
            y.backward()
        except RuntimeError as error:
            print("RuntimeError:", error)

for w in caught:
    print(f"{w.category.__name__}: {where_it_was_made(w.message)}")
# --8<-- [end:detect]

# --8<-- [start:where]
x = torch.tensor([-1.0, 4.0], requires_grad=True)
safe = torch.where(x > 0, torch.sqrt(x), torch.zeros_like(x))
print(safe)
safe.sum().backward()
print(x.grad)  # the branch torch.where threw away still sends back NaN
# --8<-- [end:where]

# --8<-- [start:where-fixed]
x = torch.tensor([-1.0, 4.0], requires_grad=True)
positive = torch.where(x > 0, x, torch.ones_like(x))  # keep sqrt's input in its domain
safe = torch.where(x > 0, torch.sqrt(positive), torch.zeros_like(x))
safe.sum().backward()
print(x.grad)
# --8<-- [end:where-fixed]
