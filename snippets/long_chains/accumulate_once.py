"""The 15.36 chain again: x is used ten times, yet its AccumulateGrad runs once."""

import torch

torch.manual_seed(0)

# --8<-- [start:once]
s = torch.tensor([[0.01, 0.02]])
x = torch.ones(2, 2, requires_grad=True)
for _ in range(10):
    s = s.mm(x)
z = s.mean()

x_nodes, node = [], s.grad_fn
while node is not None:  # down the ten MmBackward0 nodes
    x_nodes.append(node.next_functions[1][0])  # the edge through which x comes in
    node = node.next_functions[0][0]  # None below the first product: s0 needs no grad
print(len(x_nodes), all(n is x_nodes[0] for n in x_nodes), type(x_nodes[0]).__name__)

arrivals = []
x_nodes[0].register_prehook(lambda grads: arrivals.append(grads[0].clone()))
z.backward()
print(len(arrivals))
print(arrivals[0])
print(torch.equal(arrivals[0], x.grad))
# --8<-- [end:once]
