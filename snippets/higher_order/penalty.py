"""A WGAN-GP-style gradient penalty: a loss built from a gradient, so it needs create_graph."""

import torch

torch.manual_seed(0)

# --8<-- [start:setup]
real = torch.randn(64, 2) * 0.5 + torch.tensor([2.0, 2.0])  # the data
fake = torch.randn(64, 2)  # what a generator produced, taken as fixed here


def make_critic():
    torch.manual_seed(0)  # both experiments below start from the same critic
    return torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))


# --8<-- [end:setup]


# --8<-- [start:penalty]
def gradient_penalty(critic, real, fake, create_graph=True):
    eps = torch.rand(real.shape[0], 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_()  # points between the two
    scores = critic(x_hat)
    # Each score depends only on its own row of x_hat, so the gradient of the sum
    # gives every sample's own gradient at once.
    (g,) = torch.autograd.grad(scores.sum(), x_hat, create_graph=create_graph)
    return ((g.norm(dim=1) - 1) ** 2).mean(), g.norm(dim=1).mean()


critic = make_critic()
gp, mean_norm = gradient_penalty(critic, real, fake)
print(gp)
print(mean_norm)
# --8<-- [end:penalty]


# --8<-- [start:loss]
def critic_grads(create_graph):
    torch.manual_seed(1)  # the same interpolation points for every call
    critic.zero_grad()
    gp, _ = gradient_penalty(critic, real, fake, create_graph=create_graph)
    loss = critic(fake).mean() - critic(real).mean() + 10 * gp
    loss.backward()
    return critic[0].weight.grad.clone()


with_penalty = critic_grads(create_graph=True)
print(with_penalty[:2])
# --8<-- [end:loss]

# --8<-- [start:forgot]
forgot = critic_grads(create_graph=False)
critic.zero_grad()
(critic(fake).mean() - critic(real).mean()).backward()
wasserstein_only = critic[0].weight.grad.clone()
print(torch.equal(forgot, wasserstein_only))  # the penalty vanished without a word
print(torch.equal(forgot, with_penalty))
# --8<-- [end:forgot]

# --8<-- [start:forgot-alone]
torch.manual_seed(1)
gp_flat, _ = gradient_penalty(critic, real, fake, create_graph=False)
gp_flat.backward()  # raises: RuntimeError
# --8<-- [end:forgot-alone]


# --8<-- [start:train]
def train(penalty_weight, steps=100):
    critic = make_critic()
    opt = torch.optim.Adam(critic.parameters(), lr=0.01)
    norms = {}
    for step in range(steps + 1):
        gp, mean_norm = gradient_penalty(critic, real, fake)
        if step % 25 == 0:
            norms[step] = mean_norm.item()
        loss = critic(fake).mean() - critic(real).mean() + penalty_weight * gp
        opt.zero_grad()
        loss.backward()
        opt.step()
    return norms


with_gp, without_gp = train(penalty_weight=10), train(penalty_weight=0)
print("step  mean |grad|, with penalty  without")
for step in with_gp:
    print(f"{step:>4}  {with_gp[step]:>24.3f}  {without_gp[step]:>7.3f}")
# --8<-- [end:train]
