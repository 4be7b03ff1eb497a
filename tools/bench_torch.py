#!/usr/bin/env python3
"""The PyTorch side of tools/bench.sh: the same measurements as the JMH benchmarks in bench/.

  step   one optimizer.step() of torch.optim on a single float64 tensor of n entries (grad fixed,
         state allocated by a first step outside the measurement), ns per step
  train  the book's from-scratch train_ch11 loop with its Adam (lr 0.01, batch 10) on the airfoil
         file, standardised as the book does, no plot and no print; ms per epoch
  models a training epoch of the book's MLP (784-256-10, ReLU) and LeNet (sigmoid, average pooling)
         on Fashion-MNIST at batch 256 with SGD, in float64 and float32; seconds per epoch

Timing mimics the JMH settings the Java side uses: warm-up iterations, then measurement iterations,
each calling the operation repeatedly for at least --time seconds; the score of an iteration is its
wall time divided by the operations done. Writes JSON (json module) to --out.
"""
import argparse
import json
import math
import os
import platform
import sys
import time

import numpy as np
import torch


def measure(op, ops_per_call, warmup, iterations, seconds):
    """Mean ns per operation over the measurement iterations, and each iteration's score."""
    def one_iteration():
        calls = 0
        start = time.perf_counter_ns()
        while True:
            op()
            calls += 1
            elapsed = time.perf_counter_ns() - start
            if elapsed >= seconds * 1e9:
                return elapsed / (calls * ops_per_call)
    for _ in range(warmup):
        one_iteration()
    scores = [one_iteration() for _ in range(iterations)]
    if not scores:
        return float("nan"), float("nan"), []
    mean = sum(scores) / len(scores)
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / (len(scores) - 1)) if len(scores) > 1 else 0.0
    return mean, sd, scores


# ---- optimizer steps ------------------------------------------------------------------------------

class BookYogi:
    """Yogi as the book writes it with tensor ops (torch.optim has none); t counts steps."""

    def __init__(self, params, lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-3):
        self.params, self.lr, self.beta1, self.beta2, self.eps = list(params), lr, beta1, beta2, eps
        self.states = [(torch.zeros_like(p), torch.zeros_like(p)) for p in self.params]
        self.t = 1

    @torch.no_grad()
    def step(self):
        b1, b2 = self.beta1, self.beta2
        for p, (v, s) in zip(self.params, self.states):
            g = p.grad
            v[:] = b1 * v + (1 - b1) * g
            s[:] = s + (1 - b2) * torch.sign(torch.square(g) - s) * torch.square(g)
            v_hat = v / (1 - b1 ** self.t)
            s_hat = s / (1 - b2 ** self.t)
            p[:] -= self.lr * v_hat / (torch.sqrt(s_hat) + self.eps)
        self.t += 1


# The same hyperparameters as bench/src/main/java/d2l/bench/Optimizers.java.
OPTIMIZERS = {
    "SGD": ("torch.optim.SGD(lr=1e-3)", lambda ps: torch.optim.SGD(ps, lr=1e-3)),
    "Momentum": ("torch.optim.SGD(lr=1e-3, momentum=0.9)", lambda ps: torch.optim.SGD(ps, lr=1e-3, momentum=0.9)),
    "AdaGrad": ("torch.optim.Adagrad(lr=1e-2)", lambda ps: torch.optim.Adagrad(ps, lr=1e-2)),
    "RMSProp": ("torch.optim.RMSprop(lr=1e-2)", lambda ps: torch.optim.RMSprop(ps, lr=1e-2)),
    "AdaDelta": ("torch.optim.Adadelta(lr=1.0)", lambda ps: torch.optim.Adadelta(ps, lr=1.0)),
    "Adam": ("torch.optim.Adam(lr=1e-3)", lambda ps: torch.optim.Adam(ps, lr=1e-3)),
    "AMSGrad": ("torch.optim.Adam(lr=1e-3, amsgrad=True)", lambda ps: torch.optim.Adam(ps, lr=1e-3, amsgrad=True)),
    "AdamW": ("torch.optim.AdamW(lr=1e-3)", lambda ps: torch.optim.AdamW(ps, lr=1e-3)),
    "AdamW-AMSGrad": ("torch.optim.AdamW(lr=1e-3, amsgrad=True)",
                      lambda ps: torch.optim.AdamW(ps, lr=1e-3, amsgrad=True)),
    "Yogi": ("book's yogi with torch tensor ops (torch.optim has no Yogi)", lambda ps: BookYogi(ps, lr=1e-2)),
}


def bench_steps(args):
    results = []
    gen = torch.Generator().manual_seed(42)
    for n in args.sizes:
        for name in args.optimizers:
            what, make = OPTIMIZERS[name]
            p = torch.nn.Parameter(torch.randn(n, 1, dtype=torch.float64, generator=gen))
            g = torch.randn(n, 1, dtype=torch.float64, generator=gen)
            g += torch.where(torch.arange(n).reshape(n, 1) % 2 == 0, 0.5, -0.5).to(torch.float64)
            p.grad = g
            opt = make([p])
            opt.step()  # allocates the state outside the measurement
            mean, sd, scores = measure(opt.step, 1, args.warmup, args.iterations, args.time)
            results.append({"optimizer": name, "torch": what, "n": n, "ns_per_step": mean,
                            "ns_per_step_sd": sd, "iterations_ns": scores})
            print(f"torch step {name:>14} n={n:>9}: {mean:14.1f} ns/step ({mean / n:.3f} ns/element)",
                  flush=True)
            del opt, p, g
    return results


# ---- the book's train_ch11 with its from-scratch Adam ----------------------------------------------

def airfoil_iter(path, batch_size, n, dtype):
    """The book's get_data_ch11: every column standardised over all rows (population std), then the
    first n rows; features are the first five columns, the label the last; shuffled minibatches."""
    data = np.genfromtxt(path, dtype=np.float32 if dtype == torch.float32 else np.float64, delimiter="\t")
    data = torch.from_numpy((data - data.mean(axis=0)) / data.std(axis=0))
    dataset = torch.utils.data.TensorDataset(data[:n, :-1], data[:n, -1])
    return torch.utils.data.DataLoader(dataset, batch_size, shuffle=True), data.shape[1] - 1


def linreg(X, w, b):
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def evaluate_loss(net, data_iter, loss):
    total, count = 0.0, 0
    for X, y in data_iter:
        out = net(X)
        l = loss(out, y.reshape(out.shape))
        total += float(l.sum())
        count += l.numel()
    return total / count


def init_adam_states(feature_dim, dtype):
    v_w, v_b = torch.zeros((feature_dim, 1), dtype=dtype), torch.zeros(1, dtype=dtype)
    s_w, s_b = torch.zeros((feature_dim, 1), dtype=dtype), torch.zeros(1, dtype=dtype)
    return ((v_w, s_w), (v_b, s_b))


def adam(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    for p, (v, s) in zip(params, states):
        with torch.no_grad():
            v[:] = beta1 * v + (1 - beta1) * p.grad
            s[:] = beta2 * s + (1 - beta2) * torch.square(p.grad)
            v_hat = v / (1 - beta1 ** hyperparams["t"])
            s_hat = s / (1 - beta2 ** hyperparams["t"])
            p[:] -= hyperparams["lr"] * v_hat / (torch.sqrt(s_hat) + eps)
        p.grad.data.zero_()
    hyperparams["t"] += 1


def train_ch11(trainer_fn, states, hyperparams, data_iter, feature_dim, num_epochs, dtype):
    """The book's loop without its Animator and print; returns (training seconds as the book's Timer
    counts them, evaluation excluded; final loss)."""
    w = torch.normal(mean=0.0, std=0.01, size=(feature_dim, 1), dtype=dtype, requires_grad=True)
    b = torch.zeros(1, dtype=dtype, requires_grad=True)
    net, loss = (lambda X: linreg(X, w, b)), squared_loss
    n, train_ns, last = 0, 0, float("nan")
    start = time.perf_counter_ns()
    for _ in range(num_epochs):
        for X, y in data_iter:
            l = loss(net(X), y).mean()
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            n += X.shape[0]
            if n % 200 == 0:
                train_ns += time.perf_counter_ns() - start
                last = evaluate_loss(net, data_iter, loss)
                start = time.perf_counter_ns()
    train_ns += time.perf_counter_ns() - start
    return train_ns, last


def bench_train(args):
    dtype = torch.float64 if args.dtype == "float64" else torch.float32
    path = os.path.join(args.data_dir, "airfoil_self_noise.dat")
    if not os.path.isfile(path):
        sys.exit(f"bench_torch.py: {path} not found; set D2L_DATA_DIR (or --data-dir) to the folder "
                 "holding airfoil_self_noise.dat")
    torch.manual_seed(0)
    data_iter, feature_dim = airfoil_iter(path, 10, 1500, dtype)
    book = {"ns": 0, "epochs": 0, "loss": float("nan")}

    def run():
        ns, loss = train_ch11(adam, init_adam_states(feature_dim, dtype), {"lr": 0.01, "t": 1}, data_iter,
                              feature_dim, args.epochs, dtype)
        book["ns"] += ns
        book["epochs"] += args.epochs
        book["loss"] = loss

    # Warm-up with the same loop; book counters are reset so they cover the measurement only.
    measure(run, args.epochs, args.train_warmup, 0, args.time)
    book.update(ns=0, epochs=0)
    mean, sd, scores = measure(run, args.epochs, 0, args.iterations, args.time)
    result = {"what": "book train_ch11 + from-scratch adam, lr 0.01, batch 10, " + args.dtype,
              "ms_per_epoch": mean / 1e6, "ms_per_epoch_sd": sd / 1e6,
              "iterations_ms": [s / 1e6 for s in scores],
              "book_timer_ms_per_epoch": book["ns"] / book["epochs"] / 1e6,
              "epochs_per_call": args.epochs, "final_loss": book["loss"], "dtype": args.dtype}
    print(f"torch train_ch11 (book adam): {result['ms_per_epoch']:.3f} ms/epoch wall, "
          f"{result['book_timer_ms_per_epoch']:.3f} ms/epoch by the book's timer, final loss {book['loss']:.3f}",
          flush=True)
    return [result]


# ---- Fashion-MNIST models ---------------------------------------------------------------------------

FASHION_DIR = "/usr/share/datasets/fashion-mnist"


def fashion_train(folder):
    """The 60000 training images as a uint8 tensor n x 1 x 28 x 28 and their labels (int64)."""
    import gzip
    def read(name, offset):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            sys.exit(f"bench_torch.py: {path} not found; install dataset-fashion-mnist or pass --fashion-dir")
        with gzip.open(path, "rb") as f:
            return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)
    images = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28)
    labels = read("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.copy())


def model_net(name):
    from torch import nn
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)), 0.1
    if name == "lenet":
        return nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(),
            nn.Linear(84, 10)), 0.9
    if name == "lenet-relu-max":
        return nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10)), 0.9
    raise SystemExit(f"bench_torch.py: unknown model {name!r}; expected mlp, lenet or lenet-relu-max")


def blas_libraries():
    """The BLAS/LAPACK shared objects this process has loaded (torch links Debian's libblas.so.3)."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if "blas" in path or "lapack" in path:
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


def bench_models(args):
    images, labels = fashion_train(args.fashion_dir)
    n = images.shape[0]
    batches_per_epoch = math.ceil(n / args.batch)
    results = []
    for name in args.models:
        for dtype_name in args.dtypes:
            dtype = torch.float64 if dtype_name == "float64" else torch.float32
            torch.manual_seed(0)
            net, lr = model_net(name)
            net = net.to(dtype)
            loss = torch.nn.CrossEntropyLoss()
            opt = torch.optim.SGD(net.parameters(), lr=lr)
            # The whole set as floats in [0, 1] up front, like the Java side's bytes -> doubles per batch.
            X = images.to(dtype) / 255
            gen = torch.Generator().manual_seed(1)

            def batches():
                order = torch.randperm(n, generator=gen)
                for i in range(0, n, args.batch):
                    idx = order[i:i + args.batch]
                    yield X[idx], labels[idx]

            def step(Xb, yb):
                opt.zero_grad()
                l = loss(net(Xb), yb)
                l.backward()
                opt.step()
                return l

            it = batches()
            for _ in range(args.model_warmup):
                step(*next(it))
            # Whole epochs while they fit in --max-seconds, else the minibatches that do (at least 10),
            # scaled to an epoch: seconds per minibatch x minibatches per epoch.
            done, start = 0, time.perf_counter()
            cpu0 = time.process_time()
            while True:
                try:
                    Xb, yb = next(it)
                except StopIteration:
                    it = batches()
                    Xb, yb = next(it)
                step(Xb, yb)
                done += 1
                elapsed = time.perf_counter() - start
                if done >= args.model_epochs * batches_per_epoch or (elapsed >= args.max_seconds and done >= 10):
                    break
            cpu = time.process_time() - cpu0
            s_per_epoch = elapsed / done * batches_per_epoch
            r = {"model": name, "dtype": dtype_name, "batch": args.batch, "batches_measured": done,
                 "batches_per_epoch": batches_per_epoch, "s_per_epoch": s_per_epoch,
                 "cpu_s_per_epoch": cpu / done * batches_per_epoch, "lr": lr,
                 "whole_epochs": done >= batches_per_epoch}
            results.append(r)
            print(f"torch {name:>6} {dtype_name}: {s_per_epoch:8.3f} s/epoch "
                  f"({done} minibatches of {args.batch} measured, {torch.get_num_threads()} threads)", flush=True)
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["step", "train", "models"])
    ap.add_argument("--sizes", default="1000,100000,10000000", help="comma-separated n (step)")
    ap.add_argument("--optimizers", default=",".join(OPTIMIZERS), help="comma-separated names (step)")
    ap.add_argument("--warmup", type=int, default=3, help="warm-up iterations (step)")
    ap.add_argument("--train-warmup", type=int, default=5, help="warm-up iterations (train)")
    ap.add_argument("--iterations", type=int, default=5, help="measurement iterations")
    ap.add_argument("--time", type=float, default=1.0, help="seconds per iteration (at least one call)")
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (the Java step uses 1)")
    ap.add_argument("--epochs", type=int, default=10, help="epochs per train_ch11 call (train)")
    ap.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                    help="train: float64 like the Java side (the book itself uses float32)")
    ap.add_argument("--data-dir", default=os.environ.get("D2L_DATA_DIR", ""), help="folder of the airfoil file")
    ap.add_argument("--models", default="mlp,lenet", help="comma-separated models (models)")
    ap.add_argument("--dtypes", default="float64,float32", help="comma-separated dtypes (models)")
    ap.add_argument("--batch", type=int, default=256, help="minibatch size (models)")
    ap.add_argument("--model-warmup", type=int, default=5, help="warm-up minibatches (models)")
    ap.add_argument("--model-epochs", type=int, default=1, help="epochs to time at most (models)")
    ap.add_argument("--max-seconds", type=float, default=60.0,
                    help="models: stop timing after this many seconds (at least 10 minibatches) and scale to an epoch")
    ap.add_argument("--fashion-dir", default=FASHION_DIR, help="folder of the Fashion-MNIST .gz files (models)")
    ap.add_argument("--out", required=True, help="JSON file to write")
    args = ap.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.optimizers = [s for s in args.optimizers.split(",") if s]
    args.models = [s for s in args.models.split(",") if s]
    args.dtypes = [s for s in args.dtypes.split(",") if s]
    unknown = [s for s in args.optimizers if s not in OPTIMIZERS]
    if unknown:
        ap.error(f"unknown optimizer(s) {unknown}; expected names from {list(OPTIMIZERS)}")

    torch.set_num_threads(args.threads)
    results = {"step": bench_steps, "train": bench_train, "models": bench_models}[args.what](args)
    doc = {"kind": args.what, "torch": torch.__version__, "numpy": np.__version__,
           "python": platform.python_version(), "threads": torch.get_num_threads(),
           "settings": {"warmup": args.warmup if args.what == "step" else args.train_warmup,
                        "iterations": args.iterations, "seconds_per_iteration": args.time},
           "loadavg_after": os.getloadavg(), "blas": blas_libraries(), "results": results}
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=2)


if __name__ == "__main__":
    main()
