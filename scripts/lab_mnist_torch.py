#!/usr/bin/env python3
"""PyTorch (CPU) twin of `nextword lab digits`: the same MLP and CNN, epochs, batch sizes, optimizer and
schedule, timed the same way (training images per second over all epochs, first step included, and over
the last epoch), for docs/PERFORMANCE.md.

usage: LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
       /usr/bin/python3 scripts/lab_mnist_torch.py [--data ../shared/data/mnist] [--threads 2] [--images 60000]
"""
import argparse
import gzip
import math
import struct
import time

import numpy as np
import torch
from torch import nn


# the nets' first layer in nextword standardises the pixels with MNIST's training mean and deviation
MEAN, STD = 0.1307, 0.3081


def idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if struct.unpack(">I", data[:4])[0] != magic:
        raise SystemExit(f"{path}: not an IDX file with magic {magic:#x}")
    if magic == 0x803:
        n, r, c = struct.unpack(">III", data[4:16])
        return np.frombuffer(data, np.uint8, n * r * c, 16).reshape(n, 1, r, c)
    n = struct.unpack(">I", data[4:8])[0]
    return np.frombuffer(data, np.uint8, n, 8)


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.MaxPool2d(2), nn.ReLU(),
                         nn.Conv2d(8, 16, 5, padding=2), nn.MaxPool2d(2), nn.ReLU(),
                         nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def train(name, net, x, y, xt, yt, epochs, batch, lr):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.0)
    steps = (len(x) // batch) * epochs
    warm = min(100, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (s + 1) / warm if s < warm else
                                              0.02 + 0.49 * (1 + math.cos(math.pi * (s - warm) / (steps - warm))))
    g = torch.Generator().manual_seed(1)
    start = time.perf_counter()
    for _ in range(epochs):
        epoch_start = time.perf_counter()
        order = torch.randperm(len(x), generator=g)
        for s in range(len(x) // batch):
            i = order[s * batch:(s + 1) * batch]
            loss = nn.functional.cross_entropy(net(x[i]), y[i])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        last_epoch = (len(x) // batch) * batch / (time.perf_counter() - epoch_start)
    secs = time.perf_counter() - start
    with torch.no_grad():
        acc = (net(xt).argmax(1) == yt).float().mean().item()
    print(f"{name}: {epochs} epochs of {len(x)} images in {secs:.1f} s = {steps * batch / secs:,.0f} images/s "
          f"(last epoch {last_epoch:,.0f}), test accuracy {100 * acc:.2f}%")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="../shared/data/mnist")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--images", type=int, default=60000)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x = torch.tensor(idx(f"{a.data}/train-images-idx3-ubyte.gz", 0x803)[:a.images], dtype=torch.float32) / 255
    x = (x - MEAN) / STD
    y = torch.tensor(idx(f"{a.data}/train-labels-idx1-ubyte.gz", 0x801)[:a.images], dtype=torch.long)
    xt = torch.tensor(idx(f"{a.data}/t10k-images-idx3-ubyte.gz", 0x803), dtype=torch.float32) / 255
    xt = (xt - MEAN) / STD
    yt = torch.tensor(idx(f"{a.data}/t10k-labels-idx1-ubyte.gz", 0x801), dtype=torch.long)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    train("mlp", mlp(), x, y, xt, yt, epochs=3, batch=128, lr=3e-3)
    train("cnn", cnn(), x, y, xt, yt, epochs=2, batch=32, lr=3e-3)


if __name__ == "__main__":
    main()
