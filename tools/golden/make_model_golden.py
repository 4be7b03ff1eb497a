#!/usr/bin/python3
"""Golden outputs, losses and gradients of torch (float64) for the Java models in d2l.model.

Rerun from the repository root with Debian's torch (python3-torch):

    /usr/bin/python3 tools/golden/make_model_golden.py

It rewrites lib/src/test/resources/golden/models/*.json; the Java test (d2l.model.ModelGoldenTest)
needs no Python. Every number here is made by formulas that Java evaluates to the same bits (integer
arithmetic, then one correctly rounded division, subtraction, square root or product), so the files
hold no weights and no images:

    input    x[i] = (((i * 2654435761) mod 2^32) >> 24) / 255            (pixels of the batch, in [0, 1])
    weight   w[t][i] = s_t * (((i * 7919 + 104729 * t) mod 2003) / 1001 - 1),  s_t = 1 / sqrt(fan_in)
             for the t-th parameter tensor (biases included) in torch's order
    probe    r[i] = (((i * 2246822519) mod 2^32) >> 8) / 2^24 - 1/2

For each gradient the file stores its sum, its sum of squares, its dot product with the probe r (any
wrong entry changes it) and, for tensors of at most MAX_FULL entries, every entry; larger tensors
(the MLP's first weight, LeNet's first dense weight) store every STRIDE-th entry. Logits and the
mean cross-entropy loss are stored in full. Batch: 4 examples, labels 0..3 shuffled.
"""
import json
import math
import os

import torch
from torch import nn

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   '..', '..', 'lib', 'src', 'test', 'resources', 'golden', 'models')
BATCH = 4
LABELS = [3, 0, 2, 1]
MAX_FULL = 4096
STRIDE = 97


def pixels(n):
    return [(((i * 2654435761) % 4294967296) >> 24) / 255.0 for i in range(n)]


def weights(t, n, fan_in):
    s = 1.0 / math.sqrt(fan_in)
    return [s * (((i * 7919 + 104729 * t) % 2003) / 1001.0 - 1.0) for i in range(n)]


def probe(n):
    return [(((i * 2246822519) % 4294967296) >> 8) / 16777216.0 - 0.5 for i in range(n)]


def models():
    return {
        "softmax": nn.Sequential(nn.Flatten(), nn.Linear(784, 10)),
        "mlp": nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)),
        "lenet_sigmoid_avg": nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(),
            nn.Linear(84, 10)),
        "lenet_relu_max": nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10)),
    }


def fan_in(p, bias_of):
    """fan_in of a weight (all dims but the first) or of the weight a bias belongs to."""
    w = bias_of if bias_of is not None else p
    return w[0].numel()


def stats(g):
    flat = g.detach().reshape(-1)
    n = flat.numel()
    r = torch.tensor(probe(n))
    entry = {"shape": list(g.shape), "size": n, "sum": float(flat.sum()),
             "sumsq": float((flat * flat).sum()), "dot": float((flat * r).sum())}
    if n <= MAX_FULL:
        entry["stride"] = 1
        entry["values"] = [float(v) for v in flat]
    else:
        entry["stride"] = STRIDE
        entry["values"] = [float(v) for v in flat[::STRIDE]]
    return entry


def main():
    os.makedirs(OUT, exist_ok=True)
    x = torch.tensor(pixels(BATCH * 784)).reshape(BATCH, 1, 28, 28)
    y = torch.tensor(LABELS)
    for name, net in models().items():
        params = list(net.parameters())
        with torch.no_grad():
            prev = None
            for t, p in enumerate(params):
                is_bias = p.dim() == 1
                fan = fan_in(p, prev if is_bias else None)
                p.copy_(torch.tensor(weights(t, p.numel(), fan)).reshape(p.shape))
                prev = p
        logits = net(x)
        loss = nn.CrossEntropyLoss()(logits, y)
        loss.backward()
        doc = {
            "name": name, "reference": f"torch {torch.__version__} float64", "batch": BATCH, "labels": LABELS,
            "model": str(net).replace("\n", " "),
            "parameters": [{"shape": list(p.shape), "fan_in": fan_in(p, params[i - 1] if p.dim() == 1 else None)}
                           for i, p in enumerate(params)],
            "logits": [float(v) for v in logits.detach().reshape(-1)],
            "loss": float(loss),
            "grads": [stats(p.grad) for p in params],
        }
        path = os.path.join(OUT, name + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
        print(f"{path}: loss {float(loss):.6f}, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
