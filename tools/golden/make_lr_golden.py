#!/usr/bin/python3
"""Golden learning-rate sequences of torch.optim.lr_scheduler for the Java schedules in d2l.optim.lr.

Rerun (from the repository root, with Debian's torch, NOT a pyenv python):

    apt-get update && apt-get install -y --no-install-recommends python3-torch
    /usr/bin/python3 tools/golden/make_lr_golden.py

It rewrites lib/src/test/resources/golden/lr/*.json and index.json. The Java test
(d2l.optim.lr.GoldenScheduleTest) builds the equivalent Java schedule from the "java" entry of each
file and compares lr(t) with torch's learning rate of epoch t + offset; it needs no Python.

torch's equivalents of the book's schedules (section sec_scheduler):
    SquareRootScheduler(lr)            LambdaLR(lr_lambda=lambda e: (e + 1) ** -0.5), initial lr = lr
    FactorScheduler(f, floor, base)    StepLR(step_size=1, gamma=f), initial lr = base, no floor;
                                       the book's first call already multiplies, so lr(t) is torch's
                                       epoch t + 1 (offset 1); floors are tested by hand in Java
    MultiFactorScheduler(base, m, g)   MultiStepLR(milestones=m, gamma=g)
    CosineScheduler(T, base, final)    CosineAnnealingLR(T_max=T, eta_min=final) for epochs 0..T
                                       (torch's curve rises again after T; the book's stays at final)
Each epoch's rate is read from the optimizer's param_groups before optimizer.step() and
scheduler.step(), i.e. the rate that epoch trains with.
"""
import json
import os

import torch
from torch.optim import lr_scheduler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   '..', '..', 'lib', 'src', 'test', 'resources', 'golden', 'lr')


def sequence(make_scheduler, base_lr, epochs):
    """The learning rate of epochs 0 .. epochs-1 under the scheduler built by make_scheduler(opt)."""
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    sched = make_scheduler(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(opt.param_groups[0]['lr'])
        opt.step()
        sched.step()
    return lrs


CASES = [
    dict(name='square_root', torch='LambdaLR(lr_lambda=lambda e: (e + 1) ** -0.5)', base_lr=0.1, epochs=50,
         make=lambda o: lr_scheduler.LambdaLR(o, lr_lambda=lambda e: (e + 1) ** -0.5),
         java=dict(cls='SquareRootScheduler', lr=0.1), offset=0),
    dict(name='factor', torch='StepLR(step_size=1, gamma=0.9)', base_lr=2.0, epochs=51,
         make=lambda o: lr_scheduler.StepLR(o, step_size=1, gamma=0.9),
         java=dict(cls='FactorScheduler', factor=0.9, stopFactorLr=1e-7, baseLr=2.0), offset=1),
    dict(name='factor_slow', torch='StepLR(step_size=1, gamma=0.99)', base_lr=0.5, epochs=301,
         make=lambda o: lr_scheduler.StepLR(o, step_size=1, gamma=0.99),
         java=dict(cls='FactorScheduler', factor=0.99, stopFactorLr=1e-7, baseLr=0.5), offset=1),
    dict(name='multi_factor', torch='MultiStepLR(milestones=[15, 30], gamma=0.5)', base_lr=0.5, epochs=50,
         make=lambda o: lr_scheduler.MultiStepLR(o, milestones=[15, 30], gamma=0.5),
         java=dict(cls='MultiFactorScheduler', baseLr=0.5, milestones=[15, 30], gamma=0.5), offset=0),
    dict(name='multi_factor_tenth', torch='MultiStepLR(milestones=[3, 7, 12], gamma=0.1)', base_lr=0.3,
         epochs=20, make=lambda o: lr_scheduler.MultiStepLR(o, milestones=[3, 7, 12], gamma=0.1),
         java=dict(cls='MultiFactorScheduler', baseLr=0.3, milestones=[3, 7, 12], gamma=0.1), offset=0),
    dict(name='cosine', torch='CosineAnnealingLR(T_max=20, eta_min=0.01)', base_lr=0.3, epochs=21,
         make=lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=20, eta_min=0.01),
         java=dict(cls='CosineScheduler', maxUpdate=20, baseLr=0.3, finalLr=0.01), offset=0),
    dict(name='cosine_long', torch='CosineAnnealingLR(T_max=200, eta_min=0)', base_lr=0.1, epochs=201,
         make=lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=200, eta_min=0),
         java=dict(cls='CosineScheduler', maxUpdate=200, baseLr=0.1, finalLr=0.0), offset=0),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    index = []
    for case in CASES:
        lrs = sequence(case['make'], case['base_lr'], case['epochs'])
        java = dict(case['java'])
        doc = {
            'name': case['name'],
            'torch_version': torch.__version__,
            'torch': case['torch'],
            'initial_lr': case['base_lr'],
            'java': {'class': java.pop('cls'), 'args': java},
            'offset': case['offset'],
            'lrs': lrs,
        }
        file = case['name'] + '.json'
        with open(os.path.join(OUT, file), 'w') as f:
            json.dump(doc, f, indent=1)
            f.write('\n')
        index.append(file)
        print(f'{file:24s} {len(lrs)} epochs, lr {lrs[0]:.4g} .. {lrs[-1]:.4g}')
    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump(index, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
