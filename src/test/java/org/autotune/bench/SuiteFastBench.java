package org.autotune.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.autotune.YamlFile;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * The development loop of bench/suite: Autotune's optimizers run in process (ask/tell, one slot)
 * on the suite's problems, evaluated by one long-lived {@code bench/suite.d/serve.py}, so a change
 * can be tried on many problems in minutes. The numbers that count are bench/suite's, which runs
 * Autotune through its user interface beside the real peers; this loop only says where to look.
 *
 * <p>usage: bench/suite-fast [--problems a,b] [--methods yaml1;yaml2] [--seeds 1,2,3] [--slots 8]
 * (with slots, each wave asks every slot at once and tells all its scores together, as on a cluster)
 */
public final class SuiteFastBench {
    private final Writer in;
    private final BufferedReader out;
    private final ObjectMapper json = new ObjectMapper();

    private SuiteFastBench(Process server) {
        this.in = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    }

    private String request(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("serve.py ended; run it by hand to see why");
        }
        return answer;
    }

    /**
     * One run: calls-to-target (or -1), the waves of {@code slots} samples until then (or -1) and the
     * best noise-free score within the budget.
     */
    record Run(String problem, String family, int seed, String method, int calls, int toTarget, int wavesToTarget,
               double best) {
    }

    Run run(String problem, int seed, String method, int slots) throws IOException {
        JsonNode spec = json.readTree(request("describe " + problem + " " + seed));
        var params = new ArrayList<Parameter>();
        for (int i = 0; i < spec.get("dim").asInt(); i++) {
            double lo = spec.get("lower").get(i).asDouble();
            double hi = spec.get("upper").get(i).asDouble();
            params.add(Parameter.real(spec.get("names").get(i).asText(), lo, hi, spec.get("start").get(i).asDouble()));
        }
        var space = new Space(params);
        boolean noisy = spec.get("noisy").asBoolean();
        int budget = spec.get("budget").asInt();
        double target = spec.get("target").asDouble();
        String yaml = method.startsWith("{") ? "optimizer: " + method : "optimizer: {type: " + method + "}";
        if (noisy && (method.contains("bobyqa") || method.contains("nelder")) && !method.contains("noisy")) {
            yaml = yaml.replace("}", ", noisy: no}");
        }
        int calls = 0;
        int toTarget = -1;
        int waves = 0;
        int wavesToTarget = -1;
        double best = Double.POSITIVE_INFINITY;
        try (Optimizer opt = Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), yaml + "\nbudget: " + budget
                + "\n").section("optimizer"), space, seed, slots, noisy)) {
            while (calls < budget && !opt.done()) {
                // a wave: every free slot asked at once, all scored before the next ask (as on a cluster)
                List<Point> points = opt.ask(Math.min(slots, budget - calls));
                if (points.isEmpty()) {
                    break;
                }
                waves++;
                var results = new ArrayList<Result>();
                for (Point p : points) {
                    calls++;
                    String[] answer = request("eval " + problem + " " + seed + " " + (seed * 100_000L + calls) + " "
                        + Arrays.stream(p.values()).mapToObj(Double::toString).collect(Collectors.joining(" ")))
                        .split(" ");
                    double value = Double.parseDouble(answer[0]);
                    double truth = Double.parseDouble(answer[1]);
                    best = Math.min(best, truth);
                    if (toTarget < 0 && truth <= target) {
                        toTarget = calls;
                        wavesToTarget = waves;
                    }
                    results.add(new Result(p, Optional.of(Score.of(value))));
                }
                opt.tell(results);
            }
        }
        return new Run(problem, spec.get("family").asText(), seed, method, calls, toTarget, wavesToTarget, best);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        List<String> problems = List.of(flags.getOrDefault("--problems",
            "sphere-5,ellipsoid-5,sharp-ridge-5,rosenbrock-5,rastrigin-5,gallagher-5,rosenbrock-2-gauss,"
                + "sphere-5-gauss,sphere-5-uniform,sphere-5-cauchy,pulse-mc-7,rlc-5,valley-3").split(","));
        List<String> methods = List.of(flags.getOrDefault("--methods", "surrogate;bobyqa;bayesian").split(";"));
        List<Integer> seeds = Arrays.stream(flags.getOrDefault("--seeds", "1,2").split(","))
            .map(Integer::parseInt).toList();
        int slots = Integer.parseInt(flags.getOrDefault("--slots", "1"));
        var server = new ProcessBuilder("/usr/bin/python3", "bench/suite.d/serve.py")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var bench = new SuiteFastBench(server);
        var runs = new ArrayList<Run>();
        for (String problem : problems) {
            for (int seed : seeds) {
                for (String method : methods) {
                    long t0 = System.nanoTime();
                    Run r = bench.run(problem, seed, method, slots);
                    runs.add(r);
                    System.out.printf(Locale.ROOT,
                        "%-20s seed %d %-40s to-target %5s waves %4s best %-10.4g calls %4d %5.1f s%n",
                        problem, seed, method, r.toTarget() < 0 ? "-" : Integer.toString(r.toTarget()),
                        r.wavesToTarget() < 0 ? "-" : Integer.toString(r.wavesToTarget()), r.best(),
                        r.calls(), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        server.destroy();
        System.out.println();
        System.out.println("per problem: runs reaching the target, median calls-to-target (∞ = median run fails)");
        var byProblem = new TreeMap<String, List<Run>>();
        runs.forEach(r -> byProblem.computeIfAbsent(r.family() + " " + r.problem(), k -> new ArrayList<>()).add(r));
        for (var e : byProblem.entrySet()) {
            var line = new StringBuilder(String.format(Locale.ROOT, "%-38s", e.getKey()));
            for (String m : methods) {
                var mine = e.getValue().stream().filter(r -> r.method().equals(m)).toList();
                long hit = mine.stream().filter(r -> r.toTarget() >= 0).count();
                double[] c = mine.stream().mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY : r.toTarget())
                    .sorted().toArray();
                double med = c.length == 0 ? Double.NaN : c.length % 2 == 1 ? c[c.length / 2]
                    : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
                double[] b = mine.stream().mapToDouble(Run::best).sorted().toArray();
                line.append(String.format(Locale.ROOT, " | %d/%d %5s %-9.3g", hit, mine.size(),
                    Double.isInfinite(med) ? "∞" : Long.toString(Math.round(med)), b[b.length / 2]));
            }
            System.out.println(line);
        }
    }
}
