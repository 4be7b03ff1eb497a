#!/usr/bin/python3
"""Golden trajectories of torch.optim (float64) for the Java optimizers in d2l.optim.

Rerun (from the repository root, with Debian's torch, NOT a pyenv python):

    apt-get update && apt-get install -y --no-install-recommends python3-torch
    /usr/bin/python3 tools/golden/make_optim_golden.py

It rewrites lib/src/test/resources/golden/optim/*.json and index.json. The Java test
(d2l.optim.GoldenTrajectoryTest) replays the recorded gradients into our optimizers and compares
the parameters after every step; it needs no Python. The output is deterministic for a given torch
version (seeded generator, float64 on the CPU).

Each run uses three tensors of different shapes. The gradient depends on the current parameters,
    g = c * (x - target) + 0.3 * x**3 + noise_t,
with seeded noise, plus a mask that sets a few entries to exactly 0 at some steps (including step 1,
where the optimizers' state is still zero). Targets sit close to some starting values so the sign
of the gradient changes along the way. Every optimizer uses the plain single-tensor algorithm
(foreach=False). torch has no Yogi, so Yogi is computed from the d2l book's formula with float64
tensor ops:
    v <- b1 v + (1 - b1) g
    s <- s + (1 - b2) sign(g^2 - s) g^2
    x <- x - lr (v / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   '..', '..', 'lib', 'src', 'test', 'resources', 'golden', 'optim')
STEPS = 80
SHAPES = [(3, 4), (5, 1), (1, 1)]


class Yogi:
    """The d2l book's Yogi (section sec_adam), written with torch float64 tensor ops."""

    def __init__(self, params, lr=1e-2, betas=(0.9, 0.999), eps=1e-3):
        self.params = list(params)
        self.lr, (self.b1, self.b2), self.eps = lr, betas, eps
        self.v = [torch.zeros_like(p) for p in self.params]
        self.s = [torch.zeros_like(p) for p in self.params]
        self.t = 0
        self.sign_counts = {-1: 0, 0: 0, 1: 0}

    @torch.no_grad()
    def step(self):
        self.t += 1
        for p, v, s in zip(self.params, self.v, self.s):
            g = p.grad
            sg = torch.sign(torch.square(g) - s)
            for k in (-1, 0, 1):
                self.sign_counts[k] += int((sg == k).sum())
            v[:] = self.b1 * v + (1 - self.b1) * g
            s[:] = s + (1 - self.b2) * sg * torch.square(g)
            v_hat = v / (1 - self.b1 ** self.t)
            s_hat = s / (1 - self.b2 ** self.t)
            p[:] -= self.lr * v_hat / (torch.sqrt(s_hat) + self.eps)


# torch's keyword names -> the names our Java classes use.
OUR_NAMES = {'lr': 'lr', 'momentum': 'momentum', 'alpha': 'alpha', 'rho': 'rho', 'eps': 'eps',
             'weight_decay': 'weightDecay', 'amsgrad': 'amsgrad'}
TORCH_CLASSES = {'SGD': torch.optim.SGD, 'Momentum': torch.optim.SGD, 'AdaGrad': torch.optim.Adagrad,
                 'RMSProp': torch.optim.RMSprop, 'AdaDelta': torch.optim.Adadelta,
                 'Adam': torch.optim.Adam, 'AdamW': torch.optim.AdamW}
# Hyperparameters each Java class has (torch's extra options stay at their neutral defaults).
KEYS = {'SGD': ['lr'], 'Momentum': ['lr', 'momentum'], 'AdaGrad': ['lr', 'eps'],
        'RMSProp': ['lr', 'alpha', 'eps'], 'AdaDelta': ['lr', 'rho', 'eps'],
        'Adam': ['lr', 'betas', 'eps', 'amsgrad'], 'AdamW': ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
        'Yogi': ['lr', 'betas', 'eps']}


def make(kind, kwargs, params):
    """The optimizer and its hyperparameters as it actually uses them (torch's defaults filled in)."""
    if kind == 'Yogi':
        opt = Yogi(params, **kwargs)
        group = {'lr': opt.lr, 'betas': (opt.b1, opt.b2), 'eps': opt.eps}
    else:
        opt = TORCH_CLASSES[kind](params, foreach=False, **kwargs)
        group = opt.param_groups[0]
        # Make sure no option outside our formulas is active.
        assert group.get('weight_decay', 0) == 0 or kind == 'AdamW'
        assert not group.get('nesterov', False) and group.get('dampening', 0) == 0
        assert group.get('momentum', 0) == 0 or kind == 'Momentum'
        assert not group.get('centered', False) and group.get('lr_decay', 0) == 0
        assert group.get('initial_accumulator_value', 0) == 0 and not group.get('maximize', False)
    hp = {}
    for key in KEYS[kind]:
        if key == 'betas':
            hp['beta1'], hp['beta2'] = group['betas']
        else:
            hp[OUR_NAMES[key]] = group[key]
    return opt, hp


# 'default' runs pass only what torch 1.13 has no default for (SGD's lr; torch 2 uses 1e-3) or what
# defines the variant (momentum, amsgrad), and record the hyperparameters torch then used, so the
# Java test checks our no-argument constructors against torch's defaults.
RUNS = [
    ('sgd_default', 'SGD', dict(lr=1e-3)),
    ('sgd_custom', 'SGD', dict(lr=0.05)),
    ('momentum_default', 'Momentum', dict(lr=1e-3, momentum=0.9)),
    ('momentum_custom', 'Momentum', dict(lr=0.02, momentum=0.5)),
    ('adagrad_default', 'AdaGrad', dict()),
    ('adagrad_custom', 'AdaGrad', dict(lr=0.1, eps=1e-6)),
    ('rmsprop_default', 'RMSProp', dict()),
    ('rmsprop_custom', 'RMSProp', dict(lr=3e-3, alpha=0.9, eps=1e-6)),
    ('adadelta_default', 'AdaDelta', dict()),
    ('adadelta_custom', 'AdaDelta', dict(lr=0.5, rho=0.95, eps=1e-4)),
    ('adam_default', 'Adam', dict()),
    ('adam_custom', 'Adam', dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6)),
    ('adam_amsgrad_default', 'Adam', dict(amsgrad=True)),
    ('adam_amsgrad_custom', 'Adam', dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6, amsgrad=True)),
    ('adamw_default', 'AdamW', dict()),
    ('adamw_custom', 'AdamW', dict(lr=0.05, betas=(0.85, 0.995), eps=1e-7, weight_decay=0.1)),
    ('adamw_amsgrad_custom', 'AdamW', dict(lr=0.05, betas=(0.85, 0.995), eps=1e-7, weight_decay=0.1,
                                           amsgrad=True)),
    ('yogi_default', 'Yogi', dict()),
    ('yogi_custom', 'Yogi', dict(lr=0.05, betas=(0.8, 0.99), eps=1e-4)),
]


def problem(seed):
    """Initial values, targets and curvatures for the three tensors; same for every run."""
    gen = torch.Generator().manual_seed(seed)
    xs, targets, cs = [], [], []
    for shape in SHAPES:
        target = torch.randn(shape, generator=gen)
        # Half the entries start near their target (gradient sign flips soon), half far away.
        near = torch.rand(shape, generator=gen) < 0.5
        offset = torch.where(near, 0.02 * torch.randn(shape, generator=gen),
                             1.5 * torch.randn(shape, generator=gen))
        xs.append(target + offset)
        targets.append(target)
        cs.append(0.5 + 2.0 * torch.rand(shape, generator=gen))
    return xs, targets, cs


def run(name, kind, kwargs):
    xs, targets, cs = problem(seed=20240611)
    params = [torch.nn.Parameter(x.clone()) for x in xs]
    opt, hp = make(kind, kwargs, params)
    noise_gen = torch.Generator().manual_seed(7)
    steps = []
    for t in range(1, STEPS + 1):
        grads = []
        with torch.no_grad():
            for k, (p, target, c) in enumerate(zip(params, targets, cs)):
                noise = 0.05 * torch.randn(p.shape, generator=noise_gen) / (1 + 0.05 * t)
                g = c * (p - target) + 0.3 * p ** 3 + noise
                # Exact zeros: a moving pattern, and a whole tensor every 17 steps.
                idx = torch.arange(p.numel()).reshape(p.shape)
                g = torch.where((idx + t + k) % 5 == 0, torch.zeros_like(g), g)
                if k == 2 and t % 17 == 0:
                    g = torch.zeros_like(g)
                p.grad = g.clone()
                grads.append(g.flatten().tolist())
        opt.step()
        steps.append({'grads': grads,
                      'params': [p.detach().flatten().tolist() for p in params]})
    data = {
        'name': name,
        'optimizer': kind,
        'hyperparams': hp,
        'reference': ('book formula in torch %s float64' if kind == 'Yogi'
                      else 'torch.optim %s float64, foreach=False') % torch.__version__,
        'shapes': [list(s) for s in SHAPES],
        'initial': [x.flatten().tolist() for x in xs],
        'steps': steps,
    }
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        # json writes floats with repr(), the shortest string that reads back to the same double.
        json.dump(data, f, separators=(',', ':'))
        f.write('\n')
    grads = torch.tensor([v for st in steps for g in st['grads'] for v in g])
    info = 'zeros=%d neg=%d pos=%d' % (int((grads == 0).sum()), int((grads < 0).sum()),
                                        int((grads > 0).sum()))
    if kind == 'Yogi':
        info += ' sign(g^2-s) counts %s' % opt.sign_counts
    moved = max(abs(a - b) for x0, p in zip(xs, steps[-1]['params'])
                for a, b in zip(x0.flatten().tolist(), p))
    print('%-22s %s max|x_T - x_0|=%.3g' % (name, info, moved))
    return steps


def main():
    os.makedirs(OUT, exist_ok=True)
    trajectories = {name: run(name, kind, hp) for name, kind, hp in RUNS}
    # AMSGrad must actually differ from plain Adam on this problem, or the test proves nothing.
    for a, b in (('adam_default', 'adam_amsgrad_default'), ('adam_custom', 'adam_amsgrad_custom')):
        diff = max(abs(u - v) for sa, sb in zip(trajectories[a], trajectories[b])
                   for pa, pb in zip(sa['params'], sb['params']) for u, v in zip(pa, pb))
        print('max |%s - %s| = %.3g' % (a, b, diff))
        if diff == 0:
            sys.exit('AMSGrad run is identical to Adam; change the problem')
    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump([name + '.json' for name, _, _ in RUNS], f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
