"""Physics-like problems of bench/suite: what users bring rather than what textbooks test.

- pulse-mc-7: a stochastic event Monte Carlo (a peak on a background, electronics noise, pulse
  rise and decay times), scored against a fixed reference sample by feature moments and an
  amplitude histogram chi2; every call draws fresh events, so the score is noisy.
- rlc-5: a series RLC circuit driven by a rectangular pulse, solved with RK4; the scope trace sees
  only gain * V0 (degenerate) and a current probe breaks the degeneracy only loosely.
- valley-2, valley-3, valley-6: a narrow curved valley (Rosenbrock-like) with a local minimum next to the
  start, plus additive Gaussian noise.

Every problem has a fixed truth and a seeded start off the truth (the seed is the instance).
"""
import math

import numpy as np


def seeded_start(truth, lower, upper, seed, tag, spread=0.35):
    """A start a fixed fraction of each range away from the truth, direction drawn from the seed."""
    rng = np.random.default_rng([tag, seed])
    lower, upper, truth = map(np.asarray, (lower, upper, truth))
    offset = spread * (upper - lower) * rng.choice([-1.0, 1.0], len(truth)) * rng.uniform(0.6, 1.0, len(truth))
    start = truth + offset
    # reflect into the box instead of clipping, so no start sits on a bound
    start = np.where(start > upper, 2 * truth - start, start)
    return np.where(start < lower, 2 * truth - start, start)


class PulseMc:
    """Event MC with feature moments + histogram chi2; 2000 fresh events per call."""

    family, budget_per_dim, d = "physics-mc", 30, 7
    _names = ["e0", "resolution", "background", "bkg_mean", "enoise", "rise", "decay"]
    _lower = [4.0, 0.02, 0.0, 1.0, 0.05, 5.0, 50.0]
    _upper = [8.0, 0.20, 0.5, 6.0, 1.00, 40.0, 400.0]
    _truth = [6.0, 0.08, 0.2, 3.0, 0.30, 15.0, 150.0]
    events, reference_events = 2000, 20000
    bins, hist_range = 40, (0.5, 12.0)

    def __init__(self, seed):
        self.start = seeded_start(self._truth, self._lower, self._upper, seed, 7001)
        self.reference = self._features(np.array(self._truth), np.random.default_rng(777),
                                        self.reference_events)

    def names(self):
        return list(self._names)

    def bounds(self):
        return list(self._lower), list(self._upper)

    def truth(self):
        return np.array(self._truth)

    def precision(self):
        return 0.0

    def value(self, x, rng):
        return self._chi2(self._features(x, rng, self.events), self.reference)

    def expected(self, x):
        # 16 fixed seeds (common random numbers): a low-noise estimate, the same seeds for every point
        return float(np.mean([self.value(x, np.random.default_rng([99, k])) for k in range(16)]))

    def noise_sd(self):
        return float(np.std([self.value(self.truth(), np.random.default_rng([98, k])) for k in range(40)]))

    def _features(self, x, rng, n):
        e0, res, bkg, bkg_mean, enoise, rise, decay = x
        is_bkg = rng.uniform(size=n) < bkg
        energy = np.where(is_bkg, rng.exponential(bkg_mean, n), rng.normal(e0, res * e0, n))
        amp = energy + rng.normal(0.0, enoise, n)
        # rise time jitters log-normally; the decay's fit error grows for small pulses
        rise_m = rise * np.exp(0.2 * rng.standard_normal(n))
        decay_m = decay * (1 + 0.1 * rng.standard_normal(n) / np.sqrt(np.maximum(amp, 0.5))) + 2 * rise_m
        keep = amp > self.hist_range[0]                                # trigger threshold
        return amp[keep], rise_m[keep], decay_m[keep]

    def _chi2(self, sim, ref):
        chi2 = 0.0
        for s, r in zip(sim, ref):
            for stat, se in ((np.mean, lambda v: np.std(v) / math.sqrt(len(v))),
                             (np.std, lambda v: np.std(v) / math.sqrt(2 * len(v)))):
                chi2 += (stat(s) - stat(r)) ** 2 / (se(s) ** 2 + se(r) ** 2)
        hs, _ = np.histogram(sim[0], self.bins, self.hist_range)
        hr, _ = np.histogram(ref[0], self.bins, self.hist_range)
        ns, nr = hs.sum(), hr.sum()
        used = (hs + hr) > 0
        # two-sample Pearson chi2 of the shapes (each histogram normalised to its own count)
        chi2 += np.sum((hs[used] / ns - hr[used] / nr) ** 2 / (hs[used] / ns ** 2 + hr[used] / nr ** 2))
        return float(chi2)


class Rlc:
    """Series RLC with a 100 ns rectangular pulse: scope trace of the capacitor voltage + a current probe."""

    family, budget_per_dim, d = "physics-ode", 40, 5
    _names = ["R", "L", "C", "V0", "gain"]          # ohm, microhenry, nanofarad, volt, scope gain
    _lower = [10.0, 1.0, 0.1, 0.5, 0.5]
    _upper = [200.0, 20.0, 5.0, 5.0, 2.0]
    _truth = [50.0, 5.0, 1.0, 2.0, 1.0]
    dt, steps, every, width = 1e-9, 1000, 5, 100e-9
    scope_sigma, probe_rel = 0.02, 0.03

    def __init__(self, seed):
        self.start = seeded_start(self._truth, self._lower, self._upper, seed, 7002)
        trace, peak = self._simulate(np.array(self._truth))
        rng = np.random.default_rng(4242)                       # the "measured" data: fixed noise
        self.ref_trace = trace + rng.normal(0, self.scope_sigma, len(trace))
        self.probe_sigma = self.probe_rel * peak
        self.ref_peak = peak + rng.normal(0, self.probe_sigma)

    def names(self):
        return list(self._names)

    def bounds(self):
        return list(self._lower), list(self._upper)

    def truth(self):
        return np.array(self._truth)

    def precision(self):
        return 1.0          # delta chi2 = 1: one standard deviation of a fitted parameter

    def f(self, x):
        trace, peak = self._simulate(x)
        return float(np.sum(((trace - self.ref_trace) / self.scope_sigma) ** 2)
                     + ((peak - self.ref_peak) / self.probe_sigma) ** 2)

    def _simulate(self, x):
        r, l_uh, c_nf, v0, gain = x
        ind, cap = l_uh * 1e-6, c_nf * 1e-9

        def deriv(t, q, i):
            v = v0 if t < self.width else 0.0
            return i, (v - r * i - q / cap) / ind

        q = i = 0.0
        h = self.dt
        trace, peak = [], 0.0
        for k in range(self.steps):                             # classical RK4, 1 ns steps
            t = k * h
            a = deriv(t, q, i)
            b = deriv(t + h / 2, q + h / 2 * a[0], i + h / 2 * a[1])
            c = deriv(t + h / 2, q + h / 2 * b[0], i + h / 2 * b[1])
            e = deriv(t + h, q + h * c[0], i + h * c[1])
            q += h / 6 * (a[0] + 2 * b[0] + 2 * c[0] + e[0])
            i += h / 6 * (a[1] + 2 * b[1] + 2 * c[1] + e[1])
            peak = max(peak, abs(i))
            if (k + 1) % self.every == 0:
                trace.append(gain * q / cap)
        return np.array(trace), peak * 1e3                      # volts, milliamperes


class Valley:
    """min(Rosenbrock-like valley, a quadratic basin of depth 1 beside the start) + N(0, 0.1)."""

    family, budget_per_dim = "physics-valley", 40
    sigma = 0.1

    def __init__(self, d, seed):
        self.d = d
        self.c = np.ones(d)
        self.c[0] = -1.0                   # the local minimum: valley value 4 there, basin value 1
        rng = np.random.default_rng([7003, d, seed])
        self.start = np.clip(self.c + rng.uniform(-0.6, 0.6, d), -1.9, 1.9)

    def names(self):
        return ["x%d" % (i + 1) for i in range(self.d)]

    def bounds(self):
        return [-2.0] * self.d, [2.0] * self.d

    def truth(self):
        return np.ones(self.d)

    def precision(self):
        return 0.0

    def noise_sd(self):
        return self.sigma

    def f(self, x):
        valley = np.sum(20 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
        basin = 1.0 + 2 * np.sum((x - self.c) ** 2)
        return float(min(valley, basin))

    def value(self, x, rng):
        return self.f(x) + self.sigma * rng.standard_normal()


PROBLEMS = {
    "pulse-mc-7": PulseMc,
    "rlc-5": Rlc,
    "valley-2": lambda seed: Valley(2, seed),
    "valley-3": lambda seed: Valley(3, seed),
    "valley-6": lambda seed: Valley(6, seed),
}
