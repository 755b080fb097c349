package org.autotune.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The muon-tomography example's model in this JVM: examples/muon-tomography/MuonTomography.java
 * compiled once and its {@code simulate} called directly, so statistical tests can afford thousands
 * of samples. The same code the campaign runs as a process.
 */
final class MuonModel {
    static final Path SOURCE = Path.of("examples/muon-tomography/MuonTomography.java");

    /** What one sample gives: the loss (mrad²), its standard error and the acceptance. */
    record Result(double loss, double lossError, double acceptance) {
    }

    private static Method simulate;
    private static Method[] fields;

    private MuonModel() {
    }

    static synchronized Result simulate(int planes, double span, double separation, long seed, int muons,
                                        boolean smooth) {
        try {
            if (simulate == null) {
                load();
            }
            Object r = simulate.invoke(null, planes, span, separation, seed, muons, smooth);
            return new Result((double) fields[0].invoke(r), (double) fields[1].invoke(r), (double) fields[2].invoke(r));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("calling MuonTomography.simulate", e);
        }
    }

    private static void load() {
        try {
            Path classes = Files.createTempDirectory("muon-model");
            var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
            if (javac == null || javac.run(null, null, null, "-d", classes.toString(), SOURCE.toString()) != 0) {
                throw new IllegalStateException("cannot compile " + SOURCE + ": this needs a JDK");
            }
            var loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                MuonModel.class.getClassLoader());
            var type = Class.forName("MuonTomography", true, loader);
            simulate = type.getDeclaredMethod("simulate", int.class, double.class, double.class, long.class, int.class,
                boolean.class);
            simulate.setAccessible(true);
            var result = Class.forName("MuonTomography$Result", true, loader);
            fields = new Method[] {result.getDeclaredMethod("loss"), result.getDeclaredMethod("lossError"),
                result.getDeclaredMethod("acceptance")};
            for (var f : fields) {
                f.setAccessible(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compiling " + SOURCE, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("loading " + SOURCE, e);
        }
    }
}
