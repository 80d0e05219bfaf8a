"""PyTorch runs eagerly; capturing a fixed graph first is an opt-in tool, as in TensorFlow 2."""

# --8<-- [start:trace]
import torch
import torch.fx

torch.manual_seed(0)


def straight(x):
    return (x * 2).sin().sum()


# record a graph *before* any real data runs through it
traced = torch.fx.symbolic_trace(straight)
print(traced.code.strip())
# --8<-- [end:trace]


# --8<-- [start:branch]
def branchy(x):
    if x.sum() > 0:  # a decision that depends on the data
        return x * 2
    return -x


# eager execution follows whichever branch the data picks
print(branchy(torch.tensor([1.0, 2.0])), branchy(torch.tensor([-1.0, -2.0])))
torch.fx.symbolic_trace(branchy)  # raises: TraceError
# --8<-- [end:branch]
