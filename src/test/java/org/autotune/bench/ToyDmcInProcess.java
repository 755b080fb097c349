package org.autotune.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.autotune.Sample;
import org.autotune.campaign.CampaignConfig;
import org.autotune.metric.Metric;
import org.autotune.metric.SampleOutputs;
import org.autotune.score.Score;
import org.autotune.simulate.Simulator;
import org.autotune.simulate.Simulators;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.autotune.metric.Metrics;

/**
 * The toy-DMC example campaign with its simulator called in this process: the real macro template
 * is rendered into a real sample folder by the campaign's simulator, the real ToyDmc code (compiled
 * from examples/toy-dmc/ToyDmc.java) writes its real output files there, and the campaign's own
 * metric scores them. Only the process start is skipped, so a 400-sample run takes seconds instead
 * of minutes; the scores are the ones a campaign journals (the same code, seed and files).
 */
final class ToyDmcInProcess implements AutoCloseable {
    private final Path work;
    private final Space space;
    private final Simulator simulator;
    private final Metric metric;
    private final Method main;
    private final URLClassLoader loader;

    private ToyDmcInProcess(Path work, java.util.OptionalLong dataSeed) throws IOException {
        this.work = work;
        org.autotune.examples.ToyDmcFiles.copyExample(work);
        Path classes = Files.createDirectories(work.resolve(".build"));
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        if (javac == null || javac.run(null, null, null, "-d", classes.toString(),
            work.resolve("ToyDmc.java").toString()) != 0) {
            throw new IllegalStateException("cannot compile examples/toy-dmc/ToyDmc.java: this needs a JDK");
        }
        loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        try {
            main = loader.loadClass("ToyDmc").getMethod("main", String[].class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (dataSeed.isPresent()) {
            regenerateReference(dataSeed.getAsLong());
        }
        var config = CampaignConfig.read(work.resolve("campaign.yaml"));
        space = config.space();
        simulator = Simulators.create(config.simulator(), space, config.directory());
        metric = Metrics.create(config.metric(), config.directory());
    }

    /** Pseudo-data: the reference files simulated afresh at the truth with another seed (3000 events, as shipped). */
    private void regenerateReference(long seed) throws IOException {
        Path macro = work.resolve("reference.mac");
        String text = Files.readString(macro).replaceAll("(?m)^/random/setSeeds .*$",
            "/random/setSeeds " + seed + " 7");
        Path pseudo = work.resolve("pseudo.mac");
        Files.writeString(pseudo, text);
        Path reference = work.resolve("reference");
        try {
            main.invoke(null, (Object) new String[] {pseudo.toString(), reference.toString()});
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot simulate pseudo-data with seed " + seed, e);
        }
    }

    /** The toy DMC with the shipped reference data, or with pseudo-data of another seed. */
    static ToyDmcInProcess create(java.util.OptionalLong dataSeed) {
        try {
            return new ToyDmcInProcess(Files.createTempDirectory("autotune-toy-dmc"), dataSeed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ToyDmcInProcess create() {
        return create(java.util.OptionalLong.empty());
    }

    Space space() {
        return space;
    }

    /** Simulates and scores one sample; its folder is deleted afterwards. Thread-safe. */
    Score score(long id, Point point, long seed, int events) {
        Path folder = work.resolve("samples").resolve(Long.toString(id));
        try {
            Files.createDirectories(folder);
            var job = simulator.prepare(new Sample(id, "bench-" + id, point, seed, events, folder, "bench/" + id));
            String macro = job.command().get(job.command().size() - 1);
            main.invoke(null, (Object) new String[] {folder.resolve(macro).toString(), folder.toString()});
            return metric.score(new SampleOutputs(folder, id, seed, events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("the toy-DMC simulation failed for " + point, e);
        } finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (var p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
        delete(work);
    }
}
