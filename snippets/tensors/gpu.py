"""GPUs, honestly: when a speed-up can be expected, and how to time one correctly."""

# --8<-- [start:timer]
import time

import torch

torch.manual_seed(0)


def seconds_per_matmul(n, device, repeats=5):
    """Fastest of `repeats` timings of an n x n matrix product on `device`."""
    a = torch.rand(n, n, device=device)
    b = torch.rand(n, n, device=device)
    a @ b  # warm-up: the first call pays one-off setup costs
    timings = []
    for _ in range(repeats):
        if device.type == "cuda":
            torch.cuda.synchronize()  # start from an idle GPU
        start = time.perf_counter()
        a @ b
        if device.type == "cuda":
            # CUDA kernels launch asynchronously: without this line the clock would stop
            # when the work was *queued*, not when it was *done*.
            torch.cuda.synchronize()
        timings.append(time.perf_counter() - start)
    return min(timings)  # the least disturbed run: other programs only ever add time


# --8<-- [end:timer]

# --8<-- [start:work]
flops = {n: 2 * n**3 for n in (8, 512)}  # n*n results, each n multiplications and n additions
for n, count in flops.items():
    print(f"n={n:>4}: {count:>13,} floating-point operations per product")
ratio = flops[512] // flops[8]
print(f"ratio: {ratio:,}x more work")
# --8<-- [end:work]

# --8<-- [start:cuda]
cpu = torch.device("cpu")
if torch.cuda.is_available():
    gpu = torch.device("cuda")
    for n in (8, 4096):
        ratio = seconds_per_matmul(n, cpu) / seconds_per_matmul(n, gpu)
        print(f"n={n}: GPU is {ratio:.1f}x the speed of the CPU")
else:
    print("skipped: no CUDA device here")
# --8<-- [end:cuda]

small, large = seconds_per_matmul(8, cpu), seconds_per_matmul(512, cpu)
# Timings differ from run to run and machine to machine, so the page shows none;
# the assertion below only guards the claim the page makes about them.
assert large > small
