"""torch.compile with backend="aot_eager": the autograd graph shrinks to one node, and
AOTAutograd has the forward and backward graphs ready before backward() is called."""

# --8<-- [start:function]
import torch
from functorch.compile import (
    default_partition,
    make_boxed_func,
    min_cut_rematerialization_partition,
)
from torch._dynamo.backends.common import aot_autograd

torch.manual_seed(0)
torch._dynamo.reset()  # forget compilations cached by code that ran earlier in this process


def f(x, w):
    h = x * w
    return h.sin().cos().sum()


x = torch.randn(1024, requires_grad=True)
w = torch.randn(1024, requires_grad=True)
# --8<-- [end:function]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402


# --8<-- [start:eager]
def node_names(fn):
    """Every node of an autograd graph, from the output back to the leaves."""
    names, todo = [], [fn]
    while todo:
        node = todo.pop(0)
        names.append(node.name())
        todo += [child for child, _ in node.next_functions if child is not None]
    return names


y_eager = f(x, w)
print(node_names(y_eager.grad_fn))
# --8<-- [end:eager]
save_graph(make_dot(y_eager, params={"x": x, "w": w}), "eager")

# --8<-- [start:compiled]
compiled_f = torch.compile(f, backend="aot_eager")
y = compiled_f(x, w)
print(node_names(y.grad_fn))
print(torch.equal(y, y_eager))
# --8<-- [end:compiled]
save_graph(make_dot(y, params={"x": x, "w": w}), "compiled")


# --8<-- [start:printer]
def show(title, graph_module):
    print(f"# {title}")
    for line in graph_module.code.strip().splitlines():
        code = line.split(";")[0].rstrip()  # drop the trailing "a = b = None" that frees memory
        if code.strip():
            print(code)


def printing_partition(joint_graph, joint_inputs, **kwargs):
    forward, backward = min_cut_rematerialization_partition(joint_graph, joint_inputs, **kwargs)
    show("forward", forward)
    show("backward", backward)
    return forward, backward


def run_as_is(graph_module, example_inputs):
    return make_boxed_func(graph_module.forward)  # what aot_eager does: no code generation


printing = aot_autograd(fw_compiler=run_as_is, bw_compiler=run_as_is, partition_fn=printing_partition)
# --8<-- [end:printer]

# --8<-- [start:trace]
torch._dynamo.reset()
compiled_f = torch.compile(f, backend=printing)
print("== first call")
y = compiled_f(x, w)
print("== first call returned; backward() has not run yet")
y.backward()
print("== second call")
y = compiled_f(x, w)
# --8<-- [end:trace]


# --8<-- [start:saved]
def saved_for_backward(partition_fn):
    """Compile f with partition_fn; return what the backward graph receives from the forward."""
    found = {}

    def partition(joint_graph, joint_inputs, **kwargs):
        forward, backward = partition_fn(joint_graph, joint_inputs, **kwargs)
        for node in backward.graph.nodes:
            if node.op == "placeholder" and not node.name.startswith("tangents"):
                found[node.name] = node.meta["val"].nbytes
        return forward, backward

    torch._dynamo.reset()
    backend = aot_autograd(fw_compiler=run_as_is, bw_compiler=run_as_is, partition_fn=partition)
    torch.compile(f, backend=backend)(x, w)
    return found


saved = {p.__name__: saved_for_backward(p) for p in (default_partition, min_cut_rematerialization_partition)}
for name, found in saved.items():
    extra = sum(nbytes for value, nbytes in found.items() if not value.startswith("primals"))
    print(f"{name}: {list(found)}, {extra} bytes besides the inputs")
# --8<-- [end:saved]


# --8<-- [start:matmul]
def layer(x, w):
    return torch.nn.functional.gelu(x @ w).sum()


torch._dynamo.reset()
torch.compile(layer, backend=printing)(torch.randn(8, 32, requires_grad=True), torch.randn(32, 32, requires_grad=True))
# --8<-- [end:matmul]
