"""DistributedDataParallel over gloo, one process: what drives the all-reduce, and no_sync()."""

# --8<-- [start:init]
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP

torch.manual_seed(0)

# A FileStore lets the processes find each other through a file instead of a fixed
# network port, so two builds running side by side cannot collide.
scratch = tempfile.TemporaryDirectory()
store_path = os.path.join(scratch.name, "store")
dist.init_process_group(
    "gloo", store=dist.FileStore(store_path, 1), rank=0, world_size=1
)
print(dist.get_backend(), dist.get_rank(), dist.get_world_size())
# --8<-- [end:init]


# --8<-- [start:comm-hook]
def logging_allreduce(state, bucket):
    """DDP's default communication (sum over ranks, then average), noted in a log."""
    names = [state["names"][id(p)] for p in bucket.parameters()]
    state["log"].append(names)
    if state["verbose"]:
        print(f"    all-reduce bucket {bucket.index()}: {', '.join(names)}")
    work = dist.all_reduce(bucket.buffer(), async_op=True)
    return work.get_future().then(lambda fut: fut.value()[0] / dist.get_world_size())


def logged_ddp(model, verbose=False, **options):
    """DDP around ``model``; returns it and the list its all-reduces are noted in."""
    ddp = DDP(model, **options)
    names = {id(p): name for name, p in model.named_parameters()}
    state = {"names": names, "log": [], "verbose": verbose}
    ddp.register_comm_hook(state, logging_allreduce)
    return ddp, state["log"]


# --8<-- [end:comm-hook]

# --8<-- [start:hooks]
x = torch.randn(8, 4)
y = torch.randn(8, 1)


def make_model():
    torch.manual_seed(1)
    return nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))


model = make_model()
ddp, log = logged_ddp(model, verbose=True, bucket_cap_mb=1e-6)  # one parameter per bucket
for name, p in model.named_parameters():  # runs right after AccumulateGrad fills .grad
    p.register_post_accumulate_grad_hook(lambda p, name=name: print(f"  .grad ready: {name}"))

for step in (1, 2):
    print(f"backward {step}")
    F.mse_loss(ddp(x), y).backward()
# --8<-- [end:hooks]

# --8<-- [start:autograd-grad]
model = make_model()
ddp, log = logged_ddp(model)
grads = torch.autograd.grad(F.mse_loss(ddp(x), y), list(model.parameters()))
print(len(grads), len(log), model[0].weight.grad)  # gradients computed, none all-reduced
# --8<-- [end:autograd-grad]

# --8<-- [start:no-sync]
pieces = list(zip(x.chunk(4), y.chunk(4), strict=True))  # 4 micro-batches of 2
reference = make_model()
F.mse_loss(reference(x), y).backward()  # the whole batch at once, without DDP


def accumulate(use_no_sync):
    model = make_model()
    ddp, log = logged_ddp(model)
    for i, (xb, yb) in enumerate(pieces):
        if use_no_sync and i < len(pieces) - 1:
            with ddp.no_sync():  # forward and backward inside: .grad accumulates locally
                (F.mse_loss(ddp(xb), yb) / len(pieces)).backward()
        else:  # every micro-batch (or only the last one): all-reduce what .grad holds
            (F.mse_loss(ddp(xb), yb) / len(pieces)).backward()
    return len(log), torch.allclose(model[0].weight.grad, reference[0].weight.grad)


for use_no_sync in (False, True):
    count, same = accumulate(use_no_sync)
    print(f"no_sync {use_no_sync!s:5}  all-reduces {count}  same gradient as the whole batch {same}")
# --8<-- [end:no-sync]

# --8<-- [start:backward-only]
model = make_model()
ddp, log = logged_ddp(model)
for i, (xb, yb) in enumerate(pieces):
    loss = F.mse_loss(ddp(xb), yb) / len(pieces)  # forward outside no_sync
    if i < len(pieces) - 1:
        with ddp.no_sync():
            loss.backward()
    else:
        loss.backward()
print("all-reduces:", len(log))  # the forward pass already armed the all-reduce
# --8<-- [end:backward-only]

# --8<-- [start:destroy]
dist.destroy_process_group()
scratch.cleanup()
# --8<-- [end:destroy]
