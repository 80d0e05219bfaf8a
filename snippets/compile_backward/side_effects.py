"""Tensor hooks and Python side effects inside a compiled function."""

import torch

torch.manual_seed(0)
torch._dynamo.reset()  # forget compilations cached by code that ran earlier in this process

# --8<-- [start:counting]
aot_eager = torch._dynamo.lookup_backend("aot_eager")
compilations = []


def counting(graph_module, example_inputs):
    compilations.append(graph_module)  # called once per graph Dynamo hands to the backend
    return aot_eager(graph_module, example_inputs)
# --8<-- [end:counting]


# --8<-- [start:hooks]
def with_hook(x):
    h = x * 2
    h.register_hook(lambda grad: grad * 10)  # rewrites the gradient that reaches h
    return h.sin().sum()


for name, fn in (("eager", with_hook), ("compiled", torch.compile(with_hook, backend=counting))):
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    x.register_hook(lambda grad: print("  leaf hook on x sees", grad))
    y = fn(x)
    y.backward()
    print(f"{name}: x.grad = {x.grad}")
print(len(compilations), "graph compiled")
# --8<-- [end:hooks]
hooked_grad = x.grad

# --8<-- [start:side-effects]
torch._dynamo.reset()
compilations.clear()
calls = []


def logged(x):
    calls.append("called")  # a Python side effect: mutates a list outside the function
    return (x * 2).sum()


compiled = torch.compile(logged, backend=counting)
x = torch.tensor([1.0, 2.0], requires_grad=True)
for _ in range(3):
    compiled(x)
print(f"calls = {calls}, compilations = {len(compilations)}")
# --8<-- [end:side-effects]
compilations_logged = len(compilations)

# --8<-- [start:constant]
torch._dynamo.reset()
compilations.clear()
scale = 2.0


def scaled(x):
    return (x * scale).sum()  # reads a Python global


compiled = torch.compile(scaled, backend=counting)
for _ in range(3):
    print(compiled(x), len(compilations))
scale = 3.0
print(compiled(x), len(compilations))
# --8<-- [end:constant]
compilations_scaled = len(compilations)

# --8<-- [start:print]
torch._dynamo.reset()
compilations.clear()


def chatty(x):
    print("  chatty runs")
    return (x * 2).sum()


compiled = torch.compile(chatty, backend=counting)
for _ in range(2):
    compiled(x).backward()
print(len(compilations), "graph compiled;", x.grad)
# --8<-- [end:print]
