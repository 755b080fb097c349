package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.model.UnitBox;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * CMA-ES, the (μ/μ_w, λ) covariance-matrix-adaptation evolution strategy (Hansen, "The CMA
 * Evolution Strategy: A Tutorial", arXiv:1604.00772), as ask/tell: a generation of λ points is
 * one batch for the free slots, and the distribution is updated once the whole generation is
 * told. It learns correlations between parameters (the covariance matrix) and is robust to
 * noisy scores, since it uses only their ranks.
 *
 * <p>Works in the unit cube (log parameters on their log scale). Candidates outside it are drawn
 * again (up to ten times), then clipped. A failed sample ranks last. Stops when the search
 * distribution's largest standard deviation falls below {@code tolerance} (in unit-cube
 * coordinates) or after {@code generations}. The random draws come from the campaign seed, so
 * the proposals are a function of the scores told, and a campaign resumes by replay.
 */
final class CmaEs implements Optimizer {
    private final Space space;
    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cC;
    private final double c1;
    private final double cMu;
    private final double chiN;
    private final double tolerance;
    private final int maxGenerations;
    private final SplittableRandom rng;

    private double[] mean;
    private double sigma;
    private RealMatrix c;
    private RealMatrix b;
    private double[] d;
    private double[] pSigma;
    private double[] pC;
    private int generation;
    private boolean done;
    private boolean converged;

    /** The current generation: point → its (clipped) unit coordinates, and the results told. */
    private final Map<Point, double[]> candidates = new LinkedHashMap<>();
    private final List<Point> toAsk = new ArrayList<>();
    private final Map<Point, Double> told = new LinkedHashMap<>();
    private final List<PathStep> path = new ArrayList<>();
    private double meanScore = Double.NaN;

    CmaEs(Space space, long seed, CmaEsSettings settings) {
        this.space = space;
        this.n = space.dimension();
        this.lambda = settings.population();
        this.mu = lambda / 2;
        double[] w = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            w[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            sum += w[i];
        }
        double sq = 0;
        for (int i = 0; i < mu; i++) {
            w[i] /= sum;
            sq += w[i] * w[i];
        }
        this.weights = w;
        this.muEff = 1 / sq;
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        this.c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        this.cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.tolerance = settings.tolerance();
        this.maxGenerations = settings.generations();
        this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.mean = space.toUnit(space.start());
        this.sigma = settings.sigma();
        this.c = MatrixUtils.createRealIdentityMatrix(n);
        this.b = MatrixUtils.createRealIdentityMatrix(n);
        this.d = new double[n];
        Arrays.fill(d, 1);
        this.pSigma = new double[n];
        this.pC = new double[n];
    }

    /** The default population for n parameters and the given slots: 4 + ⌊3 ln n⌋, raised to fill the slots. */
    static int defaultPopulation(int n, int slots) {
        return Math.max(4 + (int) Math.floor(3 * Math.log(n)), Math.min(slots, 64));
    }

    @Override
    public List<Point> ask(int want) {
        if (done) {
            return List.of();
        }
        if (candidates.isEmpty()) {
            sampleGeneration();
        }
        var out = new ArrayList<Point>();
        while (out.size() < want && !toAsk.isEmpty()) {
            out.add(toAsk.remove(0));
        }
        return out;
    }

    private void sampleGeneration() {
        for (int draws = 0; candidates.size() < lambda && draws < 20 * lambda; draws++) {
            double[] x = null;
            for (int attempt = 0; attempt < 10 && x == null; attempt++) {
                double[] y = draw();
                double[] candidate = new double[n];
                boolean inside = true;
                for (int i = 0; i < n; i++) {
                    candidate[i] = mean[i] + sigma * y[i];
                    inside &= candidate[i] >= 0 && candidate[i] <= 1;
                }
                if (inside || attempt == 9) {
                    x = UnitBox.clamp(candidate);
                }
            }
            Point p = space.fromUnit(x);
            if (!candidates.containsKey(p)) {   // two identical draws (clipped into a corner) are one sample
                candidates.put(p, space.toUnit(p));
                toAsk.add(p);
            }
        }
    }

    /** y = B·D·z with z standard normal. */
    private double[] draw() {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = d[i] * rng.nextGaussian();
        }
        return b.operate(z);
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (!candidates.containsKey(r.point()) || told.containsKey(r.point())) {
                throw new IllegalArgumentException("CMA-ES did not ask for " + r.point() + " in this generation");
            }
            told.put(r.point(), r.value());
        }
        if (told.size() == candidates.size() && toAsk.isEmpty()) {
            update();
        }
    }

    /** After a generation: the weighted mean of the best μ, then the paths, the covariance and σ (Hansen 2016). */
    private void update() {
        var ranked = new ArrayList<>(candidates.keySet());
        ranked.sort((p, q) -> Double.compare(told.get(p), told.get(q)));
        int m = Math.min(mu, ranked.size());
        double wsum = 0;
        for (int k = 0; k < m; k++) {
            wsum += weights[k];
        }
        double[] old = mean.clone();
        double[] next = new double[n];
        for (int k = 0; k < m; k++) {
            double[] x = candidates.get(ranked.get(k));
            for (int i = 0; i < n; i++) {
                next[i] += weights[k] / wsum * x[i];
            }
        }
        double[] yw = new double[n];
        for (int i = 0; i < n; i++) {
            yw[i] = (next[i] - old[i]) / sigma;
        }
        double norm = updateSigmaPath(yw);
        boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * (generation + 1)))
            < (1.4 + 2.0 / (n + 1)) * chiN;
        for (int i = 0; i < n; i++) {
            pC[i] = (1 - cC) * pC[i] + (hSigma ? Math.sqrt(cC * (2 - cC) * muEff) * yw[i] : 0);
        }
        updateCovariance(ranked.subList(0, m), wsum, old, hSigma);
        sigma *= Math.exp(cSigma / dSigma * (norm / chiN - 1));
        var eigen = new EigenDecompositionSymmetric(c);
        b = eigen.getV();
        double[] ev = eigen.getEigenvalues();
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(Math.max(ev[i], 1e-20));
        }
        mean = next;
        var best = ranked.get(0);
        path.add(new PathStep(path.size(), "mean", sigma, space.fromUnit(old), meanScore, best, told.get(best),
            true, candidates.size()));
        meanScore = told.get(best);
        generation++;
        candidates.clear();
        told.clear();
        double spread = sigma * Arrays.stream(d).max().orElse(0);
        converged = spread < tolerance;
        if (converged || generation >= maxGenerations) {
            done = true;
        }
    }

    /** Moves the step-size path along C^(-1/2)·yw = B·D⁻¹·Bᵀ·yw; returns its length. */
    private double updateSigmaPath(double[] yw) {
        double[] t = b.transpose().operate(yw);
        for (int i = 0; i < n; i++) {
            t[i] /= d[i];
        }
        double[] invSqrt = b.operate(t);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            pSigma[i] = (1 - cSigma) * pSigma[i] + Math.sqrt(cSigma * (2 - cSigma) * muEff) * invSqrt[i];
            norm += pSigma[i] * pSigma[i];
        }
        return Math.sqrt(norm);
    }

    /** The rank-one (evolution path) and rank-μ (best steps) update of the covariance, symmetrised. */
    private void updateCovariance(List<Point> best, double wsum, double[] old, boolean hSigma) {
        double[][] cNew = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rankMu = 0;
                for (int k = 0; k < best.size(); k++) {
                    double[] x = candidates.get(best.get(k));
                    rankMu += weights[k] / wsum * (x[i] - old[i]) / sigma * (x[j] - old[j]) / sigma;
                }
                cNew[i][j] = (1 - c1 - cMu) * c.getEntry(i, j)
                    + c1 * (pC[i] * pC[j] + (hSigma ? 0 : cC * (2 - cC) * c.getEntry(i, j))) + cMu * rankMu;
            }
        }
        for (int i = 0; i < n; i++) {   // symmetrise against rounding
            for (int j = 0; j < i; j++) {
                double v = (cNew[i][j] + cNew[j][i]) / 2;
                cNew[i][j] = v;
                cNew[j][i] = v;
            }
        }
        c = new Array2DRowRealMatrix(cNew);
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public List<PathStep> pathSince(int from) {
        return PathStep.since(path, from);
    }

    /** The mean of the search distribution: CMA-ES's estimate of the minimum, less noisy than the best draw. */
    Point mean() {
        return space.fromUnit(mean);
    }

    @Override
    public Optional<Point> estimate() {
        return generation > 0 ? Optional.of(mean()) : Optional.empty();
    }
}
