package org.autotune.metric;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.autotune.Options;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code type: java}: a metric written in Java, loaded from the campaign's own class path. The
 * class implements {@link Metric} and has a public constructor taking {@code (Map<String, Object>
 * options, Path campaignDir)} (the {@code options:} mapping of the campaign file, and the folder
 * relative to which its paths are meant), or a public constructor without arguments.
 */
final class JavaMetrics {
    private JavaMetrics() {
    }

    static Metric create(Options m, Path dir) {
        m.allowOnly("type", "class", "classpath", "options");
        String name = m.string("class");
        var entries = m.strings("classpath");
        var urls = new ArrayList<URL>();
        for (String entry : entries.isEmpty() ? java.util.List.of(".") : entries) {
            Path p = dir.resolve(entry).normalize();
            if (!Files.exists(p)) {
                throw m.error("classpath", p + " not found", "give folders of .class files or .jar files, relative to "
                    + "the campaign file's folder");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw m.error("classpath", p + " cannot be used: " + e.getMessage(), "give a plain file path");
            }
        }
        var loader = new URLClassLoader(urls.toArray(URL[]::new), Metric.class.getClassLoader());
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw m.error("class", "class " + name + " not found in " + urls, "check the class name (with its "
                + "package) and the classpath; compile it with the autotune jar on javac's class path");
        }
        if (!Metric.class.isAssignableFrom(type)) {
            throw m.error("class", name + " does not implement org.autotune.metric.Metric",
                "declare it as 'class " + type.getSimpleName() + " implements org.autotune.metric.Metric'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> options = m.has("options")
            ? JsonMapper.builder().build().convertValue(m.raw("options"), Map.class) : Map.of();
        try {
            try {
                return (Metric) type.getConstructor(Map.class, Path.class).newInstance(options, dir);
            } catch (NoSuchMethodException e) {
                if (!options.isEmpty()) {
                    throw m.error("options", name + " has no constructor (Map<String, Object>, Path) to receive "
                        + "options", "add that constructor, or remove 'options:'");
                }
                return (Metric) type.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException e) {
            throw m.error("class", name + " has no public constructor (Map<String, Object> options, Path campaignDir) "
                + "or ()", "add one of them");
        } catch (InvocationTargetException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            throw m.error("class", name + " failed to start: " + cause, "fix the metric or its options");
        } catch (ReflectiveOperationException e) {
            throw m.error("class", name + " cannot be created: " + e, "make the class and its constructor public");
        }
    }
}
