"""Views share storage and a version counter with their base; copies get their own."""

# --8<-- [start:share]
import torch

torch.manual_seed(0)

base = torch.arange(6.0)
grid = base.view(2, 3)  # the same six numbers, read as two rows
middle = base[1:4]  # a window onto elements 1, 2, 3
copy = base.clone()  # six new numbers of its own

for name, t in [("grid", grid), ("middle", middle), ("copy", copy)]:
    same = t.untyped_storage().data_ptr() == base.untyped_storage().data_ptr()
    print(f"{name:6} is a view: {t._is_view()!s:5}  shares base's storage: {same}")
# --8<-- [end:share]

# --8<-- [start:version]
print("versions before:", base._version, grid._version, middle._version, copy._version)
grid[0, 1] = 100.0  # one in-place write through one view
print("versions after: ", base._version, grid._version, middle._version, copy._version)
print("base  :", base)
print("middle:", middle)
print("copy  :", copy)
# --8<-- [end:version]

# --8<-- [start:which]
x = torch.arange(4.0)
candidates = {
    "x[1:3]": x[1:3],
    "x.view(2, 2)": x.view(2, 2),
    "x.view(2, 2).t()": x.view(2, 2).t(),
    "x.unsqueeze(0)": x.unsqueeze(0),
    "x.expand(3, 4)": x.expand(3, 4),
    "x.detach()": x.detach(),
    "x[[0, 2]]": x[[0, 2]],
    "x[x > 1]": x[x > 1],
    "x.view(2, 2).t().reshape(4)": x.view(2, 2).t().reshape(4),
}
for expr, t in candidates.items():
    shares = t.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    print(f"{expr:28} view: {t._is_view()!s:5}  shares x's storage: {shares}")
# --8<-- [end:which]
