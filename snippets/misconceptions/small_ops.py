"""For tiny tensors the fixed cost of each call, not the arithmetic, sets the time."""

import timeit

import torch

torch.manual_seed(0)


# --8<-- [start:timing]
def seconds_per_add(n):
    """Best of five runs of 100 additions of two length-n tensors (the minimum is least noisy)."""
    a, b = torch.ones(n), torch.ones(n)
    return min(timeit.repeat(lambda: a + b, number=100, repeat=5)) / 100


one, thousand, big = seconds_per_add(1), seconds_per_add(1_000), seconds_per_add(100_000)

# Timings differ between machines and runs, so print only comparisons that hold everywhere.
print(thousand < 3 * one)  # 1,000 numbers take barely longer than 1
print(one / 1 > 100 * (big / 100_000))  # per number, a tiny call costs over 100x more
# --8<-- [end:timing]
