package org.autotune;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's own Java class named in a campaign file section ({@code class:}, {@code classpath:},
 * {@code options:}): loaded from the campaign's class path, checked to implement the extension
 * interface, and built with a public constructor taking the options mapping (plus any further
 * arguments the extension point passes), or without arguments when there are no options. Every
 * failure is an error naming the key and the fix.
 */
public final class UserClasses {
    private UserClasses() {
    }

    /**
     * Loads and builds the class.
     *
     * @param extra      arguments after the options map, with their types (e.g. the campaign folder)
     * @param signature  that constructor's parameters as the user writes them, for messages
     */
    public static <T> T create(Options o, Path dir, Class<T> extension, String signature, List<Class<?>> extraTypes,
                               Object... extra) {
        String name = o.string("class");
        var urls = new ArrayList<URL>();
        var entries = o.strings("classpath");
        for (String entry : entries.isEmpty() ? List.of(".") : entries) {
            Path p = dir.resolve(entry).normalize();
            if (!Files.exists(p)) {
                throw o.error("classpath", p + " not found", "give folders of .class files or .jar files, relative to "
                    + "the campaign file's folder");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw o.error("classpath", p + " cannot be used: " + e.getMessage(), "give a plain file path");
            }
        }
        var loader = new URLClassLoader(urls.toArray(URL[]::new), extension.getClassLoader());
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw o.error("class", "class " + name + " not found in " + urls, "check the class name (with its "
                + "package) and the classpath; compile it with the autotune jar on javac's class path");
        }
        if (!extension.isAssignableFrom(type)) {
            throw o.error("class", name + " does not implement " + extension.getName(),
                "declare it as 'class " + type.getSimpleName() + " implements " + extension.getName() + "'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> options = o.has("options")
            ? JsonMapper.builder().build().convertValue(o.raw("options"), Map.class) : Map.of();
        var types = new ArrayList<Class<?>>();
        types.add(Map.class);
        types.addAll(extraTypes);
        var args = new ArrayList<Object>();
        args.add(options);
        args.addAll(Arrays.asList(extra));
        try {
            try {
                return extension.cast(type.getConstructor(types.toArray(Class<?>[]::new)).newInstance(args.toArray()));
            } catch (NoSuchMethodException e) {
                if (!options.isEmpty()) {
                    throw o.error("options", name + " has no constructor (" + signature + ") to receive options",
                        "add that constructor, or remove 'options:'");
                }
                return extension.cast(type.getConstructor().newInstance());
            }
        } catch (NoSuchMethodException e) {
            throw o.error("class", name + " has no public constructor (" + signature + ") or ()", "add one of them");
        } catch (InvocationTargetException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            throw o.error("class", name + " failed to start: " + cause, "fix the class or its options");
        } catch (ReflectiveOperationException e) {
            throw o.error("class", name + " cannot be created: " + e, "make the class and its constructor public");
        }
    }
}
