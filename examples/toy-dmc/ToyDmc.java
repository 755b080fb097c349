import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A toy detector Monte Carlo of a phonon-sensing cryogenic detector read out by QET/TES sensors,
 * driven by a Geant4-style macro. Physics and output formats: README.md next to this file.
 *
 * usage: java ToyDmc MACRO [OUTPUT_FOLDER]    writes features.csv, traces.csv, noise.csv
 */
public final class ToyDmc {
    static final double DT_US = 1.6;          // digitiser sampling interval
    static final int SAMPLES = 1024;          // samples per trace (1.64 ms)
    static final int PRETRIGGER = 256;        // samples before the event
    static final double BOUNCE_US = 10.0;     // mean time between phonon surface hits
    static final double LOSS = 0.05;          // absorption probability per hit elsewhere (fixed)
    static final double QP_EFFICIENCY = 0.5;  // quasiparticle trapping efficiency of the Al fins
    static final double PHONON_MEV = 0.4;     // mean athermal phonon energy at absorption (meV)
    static final double VOLUME_UM3 = 3500.0;  // total TES volume (100 QETs of 250 x 3.5 x 0.04 um)
    static final double R0_OHM = 0.05;        // TES operating resistance
    static final double BETA = 1.0;           // current sensitivity d ln R / d ln I
    static final double WHITE_UA = 0.01;      // white noise per sample
    static final double PINK_UA = 0.01;       // 1/f-like noise (sum of low-pass filtered white noise)
    static final double GAIN = 1.05e-2;       // readout scale: a 10.37 keV event gives about 1 uA at the truth

    /** The eight tunable parameters, in the units of the macro commands. */
    record Params(double phononAbsQet, double tesSubgapAbs, double tcMk, double twMk, double tsubstMk,
                  double wGamma, double wSigma, double inductanceNh) {
    }

    /** Derived TES and phonon-collection quantities (times in us, temperatures in K). */
    record Response(double tauPhonon, double tauEff, double tauElectrical, double collected, double loopGain,
                    double amplitudePerKev) {
        static Response of(Params p) {
            double gQet = p.phononAbsQet() / BOUNCE_US;
            double gSub = p.tesSubgapAbs() / BOUNCE_US;
            double gTot = gQet + gSub + LOSS / BOUNCE_US;
            double collected = (QP_EFFICIENCY * gQet + gSub) / gTot;   // energy fraction that heats the TES
            double tc = p.tcMk() * 1e-3;
            double ts = p.tsubstMk() * 1e-3;
            double volume = VOLUME_UM3 * 1e-18;                       // m^3
            double c = p.wGamma() * volume * tc;                      // J/K, electron heat capacity
            double k = p.wSigma() * volume;                           // W/K^5
            double g = 5 * k * Math.pow(tc, 4);                       // W/K, electron-phonon conductance
            double power = k * (Math.pow(tc, 5) - Math.pow(ts, 5));   // W, Joule bias power at balance
            double alpha = p.tcMk() / p.twMk();                        // logarithmic sensitivity ~ Tc/Tw
            double loopGain = alpha * power / (g * tc);
            double tau0 = c / g * 1e6;                                 // us
            double tauEff = tau0 * (1 + BETA) / (1 + BETA + loopGain);   // Irwin & Hilton (2005), load resistor -> 0
            double i0 = Math.sqrt(power / R0_OHM) * 1e6;              // uA
            double tauEl = p.inductanceNh() * 1e-9 / (R0_OHM * (1 + BETA)) * 1e6;   // us, L / (R0 (1 + beta))
            double amplitude = GAIN * collected * loopGain / (1 + loopGain) / (i0 * R0_OHM * tauEff) * 1e3;
            return new Response(1 / gTot, tauEff, tauEl, collected, loopGain, amplitude);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ToyDmc MACRO [OUTPUT_FOLDER]");
            System.exit(2);
        }
        var macro = Macro.read(Path.of(args[0]));
        Path out = Path.of(args.length > 1 ? args[1] : ".");
        var p = macro.params();
        var response = Response.of(p);
        var rng = new SplittableRandom(macro.seed());
        var template = shape(response);
        try (var features = Files.newBufferedWriter(out.resolve("features.csv"));
             var traces = Files.newBufferedWriter(out.resolve("traces.csv"));
             var noise = Files.newBufferedWriter(out.resolve("noise.csv"))) {
            features.write("event,energy_kev,amplitude,of_amplitude,rise_time_us,fall_time_us,integral,chi2\n");
            for (int e = 0; e < macro.events(); e++) {
                double energy = energy(rng);
                double collected = collect(energy, p, rng);
                var trace = noiseTrace(rng);
                double a = response.amplitudePerKev() * collected;
                for (int i = 0; i < SAMPLES; i++) {
                    trace[i] += a * template[i];
                }
                if (e < macro.traces()) {
                    write(traces, e, trace);
                }
                features.write(Features.of(e, energy, trace, template).csv());
            }
            for (int n = 0; n < macro.noiseTraces(); n++) {
                write(noise, n, noiseTrace(rng));
            }
        }
    }

    /** Energies: the 10.37 keV and 1.30 keV lines (Ge-71 K and L shells) and a flat background. */
    static double energy(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.5 ? 10.37 : u < 0.8 ? 1.30 : 0.5 + 14.5 * rng.nextDouble();
    }

    /**
     * Energy reaching the TES, in keV: the recoil's athermal phonons (one per PHONON_MEV) are each
     * absorbed in an Al fin, directly in the W TES, or lost; binomial fluctuations of the counts.
     */
    static double collect(double energyKev, Params p, SplittableRandom rng) {
        double n = energyKev * 1e6 / PHONON_MEV;
        double total = p.phononAbsQet() + p.tesSubgapAbs() + LOSS;
        double inFins = binomial(n, p.phononAbsQet() / total, rng);
        double inTes = binomial(n - inFins, p.tesSubgapAbs() / (total - p.phononAbsQet()), rng);
        return (QP_EFFICIENCY * inFins + inTes) * PHONON_MEV * 1e-6;
    }

    /** Normal approximation of a binomial draw (n is in the millions here). */
    static double binomial(double n, double prob, SplittableRandom rng) {
        double q = Math.min(1, Math.max(0, prob));
        return Math.max(0, n * q + Math.sqrt(n * q * (1 - q)) * rng.nextGaussian());
    }

    /**
     * Noiseless pulse shape: phonon arrival (tau_phonon), electrothermal fall (tau_eff) and
     * electrical rise (tau_el) in cascade, the impulse response sum_i tau_i e^(-t/tau_i) /
     * prod_(j != i) (tau_i - tau_j) of three first-order stages, times tau_eff: its peak tends to 1
     * when the phonons arrive and the current rises much faster than the TES falls, and slow phonon
     * collection spreads the same energy into a lower, longer pulse.
     */
    static double[] shape(Response r) {
        double[] tau = distinct(r.tauPhonon(), r.tauEff(), r.tauElectrical());
        var pulse = new double[SAMPLES];
        for (int i = PRETRIGGER; i < SAMPLES; i++) {
            double t = (i - PRETRIGGER) * DT_US;
            double y = 0;
            for (int a = 0; a < 3; a++) {
                double denominator = 1;
                for (int b = 0; b < 3; b++) {
                    if (b != a) {
                        denominator *= tau[a] - tau[b];
                    }
                }
                y += tau[a] * Math.exp(-t / tau[a]) / denominator;
            }
            pulse[i] = y * r.tauEff();
        }
        return pulse;
    }

    /** Nudges equal time constants apart, where the cascade formula would divide by zero. */
    static double[] distinct(double a, double b, double c) {
        double[] t = {a, b, c};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(t[i] - t[j]) < 1e-6 * Math.max(t[i], t[j])) {
                    t[i] *= 1.0001;
                }
            }
        }
        return t;
    }

    /** White noise plus an approximately 1/f component (three low-pass filtered white sources). */
    static double[] noiseTrace(SplittableRandom rng) {
        var x = new double[SAMPLES];
        double[] corner = {2.0, 20.0, 200.0};   // filter time constants in samples
        double[] state = new double[3];
        for (int i = -600; i < SAMPLES; i++) {   // burn-in so the filters start in equilibrium
            double pink = 0;
            for (int k = 0; k < 3; k++) {
                double a = Math.exp(-1 / corner[k]);
                state[k] = a * state[k] + Math.sqrt(1 - a * a) * rng.nextGaussian();
                pink += state[k];
            }
            if (i >= 0) {
                x[i] = WHITE_UA * rng.nextGaussian() + PINK_UA * pink / Math.sqrt(3);
            }
        }
        return x;
    }

    static void write(BufferedWriter w, int index, double[] trace) throws IOException {
        var sb = new StringBuilder(SAMPLES * 9).append(index);
        for (double v : trace) {
            sb.append(',').append(String.format(Locale.ROOT, "%.4g", v));
        }
        w.write(sb.append('\n').toString());
    }

    /** The macro commands this simulator understands, with their units. */
    record Macro(Params params, int events, int traces, int noiseTraces, long seed) {
        static final Map<String, String> UNITS = Map.of("/dmc/phonon/PhononAbsQET", "", "/dmc/phonon/TESsubgapAbs", "",
            "/dmc/tes/Tc", "mK", "/dmc/tes/Tw", "mK", "/dmc/tes/Tsubst", "mK", "/dmc/tes/W_gamma", "J/K2/m3",
            "/dmc/tes/W_sigma", "W/K5/m3", "/dmc/tes/L", "nH");

        static Macro read(Path file) throws IOException {
            var values = new HashMap<String, Double>();
            int events = -1;
            int noise = 0;
            int traces = Integer.MAX_VALUE;
            long seed = 1;
            var lines = Files.readAllLines(file);
            for (int n = 0; n < lines.size(); n++) {
                var f = lines.get(n).strip().split("\\s+");
                if (f[0].isEmpty() || f[0].startsWith("#")) {
                    continue;
                }
                switch (f[0]) {
                    case "/dmc/run/events" -> events = Integer.parseInt(f[1]);
                    case "/dmc/run/noiseTraces" -> noise = Integer.parseInt(f[1]);
                    case "/dmc/run/traces" -> traces = Integer.parseInt(f[1]);
                    case "/random/setSeeds" -> seed = Long.parseLong(f[1]) * 1_000_003L + (f.length > 2 ? Long.parseLong(f[2]) : 0);
                    default -> {
                        if (!UNITS.containsKey(f[0])) {
                            fail(file, n, "unknown command " + f[0]);
                        }
                        if (f.length < 2) {
                            fail(file, n, f[0] + " needs a value");
                        }
                        if (!UNITS.get(f[0]).isEmpty() && (f.length < 3 || !f[2].equals(UNITS.get(f[0])))) {
                            fail(file, n, f[0] + " needs its unit " + UNITS.get(f[0]));
                        }
                        values.put(f[0], Double.parseDouble(f[1]));
                    }
                }
            }
            var missing = new ArrayList<String>();
            for (var k : UNITS.keySet()) {
                if (!values.containsKey(k)) {
                    missing.add(k);
                }
            }
            if (!missing.isEmpty() || events < 0) {
                System.err.println(file + ": missing " + (events < 0 ? "/dmc/run/events " : "") + String.join(" ", missing));
                System.exit(2);
            }
            return new Macro(new Params(values.get("/dmc/phonon/PhononAbsQET"), values.get("/dmc/phonon/TESsubgapAbs"),
                values.get("/dmc/tes/Tc"), values.get("/dmc/tes/Tw"), values.get("/dmc/tes/Tsubst"),
                values.get("/dmc/tes/W_gamma"), values.get("/dmc/tes/W_sigma"), values.get("/dmc/tes/L")),
                events, traces, noise, seed);
        }

        static void fail(Path file, int line, String message) {
            System.err.println(file + ":" + (line + 1) + ": " + message);
            System.exit(2);
        }
    }

    /** Per-event features, as a pulse analysis computes them from the trace. */
    record Features(int event, double energy, double amplitude, double ofAmplitude, double rise, double fall,
                    double integral, double chi2) {
        static Features of(int event, double energy, double[] trace, double[] template) {
            double base = 0;
            for (int i = 0; i < PRETRIGGER; i++) {
                base += trace[i];
            }
            base /= PRETRIGGER;
            var y = new double[SAMPLES];
            int peak = PRETRIGGER;
            for (int i = 0; i < SAMPLES; i++) {
                y[i] = trace[i] - base;
                if (i >= PRETRIGGER && y[i] > y[peak]) {
                    peak = i;
                }
            }
            double max = y[peak];
            double tt = 0;
            double ty = 0;
            double integral = 0;
            for (int i = PRETRIGGER; i < SAMPLES; i++) {
                tt += template[i] * template[i];
                ty += template[i] * y[i];
                integral += y[i] * DT_US;
            }
            double of = ty / tt;   // least-squares amplitude with the pulse's own shape (white-noise filter)
            double chi2 = 0;
            for (int i = PRETRIGGER; i < SAMPLES; i++) {
                double r = y[i] - of * template[i];
                chi2 += r * r;
            }
            chi2 /= (SAMPLES - PRETRIGGER - 1) * (WHITE_UA * WHITE_UA + PINK_UA * PINK_UA);
            double rise = crossing(y, peak, 0.9 * max, -1) - crossing(y, peak, 0.1 * max, -1);
            double fall = (crossing(y, peak, 0.2 * max, 1) - crossing(y, peak, 0.6 * max, 1)) / Math.log(3);
            return new Features(event, energy, max, of, rise, fall, integral, chi2);
        }

        /** Time (us) where y crosses the level, searching from the peak backwards (-1) or forwards (+1). */
        static double crossing(double[] y, int peak, double level, int direction) {
            int i = peak;
            while (i + direction >= 0 && i + direction < y.length && y[i + direction] > level) {
                i += direction;
            }
            int j = i + direction;
            if (j < 0 || j >= y.length) {
                return i * DT_US;
            }
            double frac = (y[i] - level) / (y[i] - y[j]);
            return (i + direction * frac) * DT_US;
        }

        String csv() {
            return String.format(Locale.ROOT, "%d,%.4f,%.6g,%.6g,%.5g,%.5g,%.6g,%.5g%n", event, energy, amplitude,
                ofAmplitude, rise, fall, integral, chi2);
        }
    }

}
