#!/usr/bin/python3
"""Quality per compute, PyTorch side: train a character-level GPT-2 on a text file for a fixed wall-clock
budget and report validation bits per byte — the same model, data split, optimizer, schedule and evaluation
as `nextword train` (see docs/PERFORMANCE.md for the matching nextword command).

  - tokens: the file's distinct characters in code-point order (nextword's `char` tokenizer); the last 10%
    of the tokens are held out for validation (floor(n * 0.1), as nextword's token file does)
  - model: GPT-2 (learned positions, pre-LayerNorm blocks, causal attention, GELU-tanh MLP, tied output),
    GPT-2 initialization, no dropout
  - AdamW (betas 0.9/0.95, eps 1e-8, weight decay on tensors of 2+ dims), global norm clipping, linear
    warmup then cosine decay to lr/10; the number of steps is fitted to the budget after 5 timed steps
  - validation every K steps and at the end, over E batches of windows evenly spaced over the held-out split

Run with ../shared/bench/torch_python.sh (Debian's torch on OpenBLAS), 2 threads by default.
"""
import argparse, math, os, time

ap = argparse.ArgumentParser()
ap.add_argument("--text", required=True)
ap.add_argument("--minutes", type=float, default=5.0)
ap.add_argument("--layers", type=int, default=4)
ap.add_argument("--heads", type=int, default=4)
ap.add_argument("--width", type=int, default=128)
ap.add_argument("--B", type=int, default=16)
ap.add_argument("--T", type=int, default=128)
ap.add_argument("--lr", type=float, default=1e-3)
ap.add_argument("--warmup", type=int, default=50)
ap.add_argument("--weight-decay", type=float, default=0.1)
ap.add_argument("--clip", type=float, default=1.0)
ap.add_argument("--eval-every", type=int, default=500)
ap.add_argument("--eval-batches", type=int, default=54)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--seed", type=int, default=1337)
args = ap.parse_args()

os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
import torch
import torch.nn.functional as F

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

text = open(args.text, encoding="utf-8").read()
alphabet = sorted(set(text))
index = {ch: i for i, ch in enumerate(alphabet)}
ids = torch.tensor([index[ch] for ch in text], dtype=torch.long)
n_val = int(math.floor(len(ids) * 0.1))
train_ids, val_ids = ids[: len(ids) - n_val], ids[len(ids) - n_val:]
V, C, L, H, B, T = len(alphabet), args.width, args.layers, args.heads, args.B, args.T
bytes_per_token = len(text.encode("utf-8")) / len(text)


def normal(*shape, std=0.02):
    return torch.nn.Parameter(torch.randn(*shape) * std)


def zeros(*shape):
    return torch.nn.Parameter(torch.zeros(*shape))


def ones(*shape):
    return torch.nn.Parameter(torch.ones(*shape))


# Parameters in GPT-2's Conv1D layout (in, out), y = x @ W + b, created in one flat list.
resid_std = 0.02 / math.sqrt(2 * L)
P = {"wte": normal(V, C), "wpe": normal(T, C), "lnf_w": ones(C), "lnf_b": zeros(C)}
for l in range(L):
    P.update({f"{l}.ln1_w": ones(C), f"{l}.ln1_b": zeros(C),
              f"{l}.qkv_w": normal(C, 3 * C), f"{l}.qkv_b": zeros(3 * C),
              f"{l}.proj_w": normal(C, C, std=resid_std), f"{l}.proj_b": zeros(C),
              f"{l}.ln2_w": ones(C), f"{l}.ln2_b": zeros(C),
              f"{l}.fc_w": normal(C, 4 * C), f"{l}.fc_b": zeros(4 * C),
              f"{l}.fcproj_w": normal(4 * C, C, std=resid_std), f"{l}.fcproj_b": zeros(C)})
mask = torch.tril(torch.ones(T, T, dtype=torch.bool))


def forward(x):
    b, t = x.shape
    h = P["wte"][x] + P["wpe"][:t]
    hs = C // H
    for l in range(L):
        a = F.layer_norm(h, (C,), P[f"{l}.ln1_w"], P[f"{l}.ln1_b"], 1e-5) @ P[f"{l}.qkv_w"] + P[f"{l}.qkv_b"]
        q, k, v = (z.view(b, t, H, hs).transpose(1, 2) for z in a.split(C, dim=2))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hs)
        att = F.softmax(att.masked_fill(~mask[:t, :t], float("-inf")), dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, C)
        h = h + y @ P[f"{l}.proj_w"] + P[f"{l}.proj_b"]
        m = F.layer_norm(h, (C,), P[f"{l}.ln2_w"], P[f"{l}.ln2_b"], 1e-5) @ P[f"{l}.fc_w"] + P[f"{l}.fc_b"]
        h = h + F.gelu(m, approximate="tanh") @ P[f"{l}.fcproj_w"] + P[f"{l}.fcproj_b"]
    h = F.layer_norm(h, (C,), P["lnf_w"], P["lnf_b"], 1e-5)
    return h @ P["wte"].t()


decay = [p for p in P.values() if p.dim() >= 2]
no_decay = [p for p in P.values() if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
                        lr=args.lr, betas=(0.9, 0.95), eps=1e-8)
gen = torch.Generator().manual_seed(args.seed)


def batch():
    starts = torch.randint(0, len(train_ids) - T, (B,), generator=gen)
    x = torch.stack([train_ids[s: s + T] for s in starts])
    y = torch.stack([train_ids[s + 1: s + T + 1] for s in starts])
    return x, y


@torch.no_grad()
def validate():
    # the same windows as nextword's: eval_batches * B of them, evenly spaced over the held-out split
    windows = args.eval_batches * B
    starts = len(val_ids) - T
    stride = max(1, starts // windows)
    total = 0.0
    for k in range(args.eval_batches):
        s = [(k * B + b) * stride % starts for b in range(B)]
        logits = forward(torch.stack([val_ids[i: i + T] for i in s]))
        total += F.cross_entropy(logits.reshape(-1, V), torch.stack([val_ids[i + 1: i + T + 1] for i in s]).reshape(-1)).item()
    return total / args.eval_batches


def lr_at(step, total):
    # nextword.optim.LearningRateSchedule.warmupCosine: reaches the floor at step `total`
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    if step >= total:
        return args.lr / 10
    progress = (step - args.warmup) / (total - args.warmup)
    return args.lr / 10 + 0.5 * (1 + math.cos(math.pi * progress)) * (args.lr - args.lr / 10)


nparams = sum(p.numel() for p in P.values())
print(f"torch {torch.__version__} threads={torch.get_num_threads()} params={nparams} vocab={V} "
      f"train={len(train_ids)} val={len(val_ids)} tokens B={B} T={T} budget={args.minutes} min", flush=True)
budget = args.minutes * 60
t0 = time.perf_counter()
total_steps, step, ema, val = 10 ** 9, 0, 0.0, float("nan")
while step < total_steps and time.perf_counter() - t0 < budget:
    if args.eval_every > 0 and step % args.eval_every == 0:
        val = validate()
        print(f"step {step} val_loss {val:.4f} bpb {val / math.log(2) / bytes_per_token:.4f}", flush=True)
    s0 = time.perf_counter()
    x, y = batch()
    loss = F.cross_entropy(forward(x).reshape(-1, V), y.reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    if args.clip > 0:
        torch.nn.utils.clip_grad_norm_(list(P.values()), args.clip)
    for g in opt.param_groups:
        g["lr"] = lr_at(step, total_steps)
    opt.step()
    dt = time.perf_counter() - s0
    ema = dt if ema == 0 else 0.9 * ema + 0.1 * dt
    step += 1
    if step == 5:
        eval_share = args.eval_batches / (3.0 * args.eval_every) if args.eval_every > 0 else 0
        total_steps = step + int(max(0, (budget - (time.perf_counter() - t0)) / (ema * (1 + eval_share))))
        print(f"planned {total_steps} steps at {1000 * ema:.1f} ms/step", flush=True)
    if step % 100 == 0:
        print(f"step {step} loss {loss.item():.4f} {B * T / dt:.0f} tok/s", flush=True)
val = validate()
secs = time.perf_counter() - t0
print(f"RESULT bpb torch steps={step} seconds={secs:.1f} tokens={step * B * T} val_loss={val:.4f} "
      f"bits_per_byte={val / math.log(2) / bytes_per_token:.4f}", flush=True)
