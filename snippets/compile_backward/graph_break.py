"""A graph break cuts the compiled function, and its backward, into pieces."""

import torch
from functorch.compile import make_boxed_func, min_cut_rematerialization_partition
from torch._dynamo.backends.common import aot_autograd

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)
torch._dynamo.reset()  # forget compilations cached by code that ran earlier in this process


# The printing backend of aot.py, again, so that this file runs on its own.
def show(title, graph_module):
    print(f"# {title}")
    for line in graph_module.code.strip().splitlines():
        code = line.split(";")[0].rstrip()
        if code.strip():
            print(code)


def printing_partition(joint_graph, joint_inputs, **kwargs):
    forward, backward = min_cut_rematerialization_partition(joint_graph, joint_inputs, **kwargs)
    show("forward", forward)
    show("backward", backward)
    return forward, backward


def run_as_is(graph_module, example_inputs):
    return make_boxed_func(graph_module.forward)


printing = aot_autograd(fw_compiler=run_as_is, bw_compiler=run_as_is, partition_fn=printing_partition)


# --8<-- [start:split]
def g(x):
    h = x.sin()
    torch._dynamo.graph_break()  # stands for anything Dynamo cannot trace: print, numpy, I/O …
    return (h * 2).cos().sum()


x = torch.randn(4, requires_grad=True)
out = torch.compile(g, backend=printing)(x)
# --8<-- [end:split]

# --8<-- [start:pieces]
print(out.grad_fn.name())
first = out.grad_fn.next_functions[0][0]
print(first.name())
print(first.next_functions[0][0].name())
# --8<-- [end:pieces]
save_graph(make_dot(out, params={"x": x}), "pieces")

# --8<-- [start:backward]
out.backward()
x_eager = x.detach().clone().requires_grad_()
g(x_eager).backward()
print(torch.equal(x.grad, x_eager.grad))
# --8<-- [end:backward]


# --8<-- [start:count]
def pieces(fn):
    """How many CompiledFunctionBackward nodes lie on the path from fn back to the leaf."""
    count = 0
    while fn is not None and fn.name() == "CompiledFunctionBackward":
        count += 1
        fn = fn.next_functions[0][0]
    return count


def two_breaks(x):
    a = x.exp()
    torch._dynamo.graph_break()
    b = a.tanh()
    torch._dynamo.graph_break()
    return (b * a).sum()


torch._dynamo.reset()
count = pieces(torch.compile(two_breaks, backend="aot_eager")(x).grad_fn)
# --8<-- [end:count]


# --8<-- [start:fullgraph]
def loud(x):
    h = x.sin()
    print("inside loud")
    return h.cos().sum()


torch._dynamo.reset()
try:
    torch.compile(loud, backend="aot_eager", fullgraph=True)(x)
except torch._dynamo.exc.Unsupported as err:
    # The full message ends with this file's path and line number, which differ from
    # machine to machine; the part before it is PyTorch's text as it stands.
    print(f"{type(err).__name__}: {str(err).split(chr(10) + chr(10))[0]}")
# --8<-- [end:fullgraph]
