"""For tiny tensors the fixed cost of each call, not the arithmetic, sets the time."""

# --8<-- [start:timing]
import timeit

import torch

torch.manual_seed(0)


def seconds_per_add(n):
    """Seconds per addition of two length-n tensors; the best of 5 runs is least noisy."""
    a, b = torch.ones(n), torch.ones(n)
    return min(timeit.repeat(lambda: a + b, number=100, repeat=5)) / 100


one = seconds_per_add(1)
thousand = seconds_per_add(1_000)
big = seconds_per_add(100_000)

# Timings vary between machines: print only comparisons that hold on every one.
print(thousand < 3 * one)  # 1,000 numbers take barely longer than 1
print(one / 1 > 100 * (big / 100_000))  # per number, tiny calls cost 100x more
# --8<-- [end:timing]
