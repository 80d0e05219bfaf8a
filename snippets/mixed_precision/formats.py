"""Three floating-point formats: how much range and how many digits each keeps."""

# --8<-- [start:finfo]
import torch

torch.manual_seed(0)

print(f"{'dtype':9} {'bits':>4} {'largest':>9} {'smallest normal':>15} {'smallest > 0':>12} {'step after 1':>12}")
for dtype in (torch.float32, torch.bfloat16, torch.float16):
    info = torch.finfo(dtype)
    zero = torch.zeros((), dtype=dtype)
    # Below the smallest normal number, precision thins out until the last step to zero.
    least = torch.nextafter(zero, zero + 1).item()
    name = str(dtype).removeprefix("torch.")
    print(
        f"{name:9} {info.bits:4} {info.max:9.3g} {info.smallest_normal:15.3g} {least:12.3g} {info.eps:12.3g}"
    )
# --8<-- [end:finfo]

# --8<-- [start:tiny]
grad = torch.tensor(2e-8)  # a typical per-element gradient of a mean over a big batch
for dtype in (torch.float32, torch.bfloat16, torch.float16):
    print(f"{str(dtype):15} {grad.to(dtype).item():.4e}")
# --8<-- [end:tiny]

# --8<-- [start:scaled]
scale = 2.0**16  # GradScaler's starting scale
stored = (grad * scale).to(torch.float16)  # scale up, then store in half precision
print(stored, stored.float() / scale)  # divide in float32: the value survives
# --8<-- [end:scaled]
