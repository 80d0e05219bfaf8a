"""Two DDP processes on one machine: each sees half the batch, both end with its gradient."""

import os
import tempfile

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP

torch.manual_seed(0)

# --8<-- [start:worker]
x = torch.randn(8, 4)
y = torch.randn(8, 1)


def make_model():
    torch.manual_seed(1)
    return nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))


def worker(rank, world_size, store_path, results):
    os.environ["GLOO_SOCKET_IFNAME"] = "lo"  # loopback, 127.0.0.1: nothing leaves the machine
    dist.init_process_group(
        "gloo", store=dist.FileStore(store_path, world_size), rank=rank, world_size=world_size
    )
    mine_x, mine_y = x.chunk(world_size)[rank], y.chunk(world_size)[rank]  # this rank's half

    alone = make_model()  # the same half without DDP: what this rank would compute alone
    F.mse_loss(alone(mine_x), mine_y).backward()

    model = make_model()
    ddp = DDP(model)
    F.mse_loss(ddp(mine_x), mine_y).backward()  # all-reduced during backward
    # Plain lists travel back to the parent; tensors would need shared memory.
    results.put((rank, alone[0].weight.grad[0].tolist(), model[0].weight.grad[0].tolist()))
    dist.destroy_process_group()


# --8<-- [end:worker]

# --8<-- [start:launch]
# "spawn" starts each rank as a fresh Python that imports this file again; the guard below
# keeps the ranks from launching ranks of their own. (Forking a process that already runs
# threads, as torch does, can deadlock the child.)
if __name__ == "__main__":
    results = mp.get_context("spawn").SimpleQueue()
    with tempfile.TemporaryDirectory() as scratch:
        store_path = os.path.join(scratch, "store")
        mp.start_processes(
            worker, args=(2, store_path, results), nprocs=2, start_method="spawn"
        )
    rows = sorted(results.get() for _ in range(2))

    for rank, alone, _ in rows:
        print(f"rank {rank}  own half only  {torch.tensor(alone)}")
    for rank, _, synced in rows:
        print(f"rank {rank}  with DDP       {torch.tensor(synced)}")
    reference = make_model()
    F.mse_loss(reference(x), y).backward()  # one process, the whole batch
    print(f"whole batch          {reference[0].weight.grad[0]}")
    print(torch.allclose(torch.tensor(rows[0][2]), reference[0].weight.grad[0]))
# --8<-- [end:launch]
