package org.autotune.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.autotune.Options;

/**
 * Reads tables and traces from HDF5 files (pure Java, no native HDF5 library). A file is named as
 * {@code file.h5} or {@code file.h5#/path/in/file}:
 * <ul>
 * <li>a table is a compound dataset (one field per column, as PyTables and pandas write them), or a
 * group whose 1-D numeric datasets of equal length are the columns; without a path, the file's only
 * compound dataset, else the 1-D datasets at the root;</li>
 * <li>traces are a 2-D numeric dataset [trace, sample]; without a path, the file's only one.</li>
 * </ul>
 */
final class Hdf5 {
    private static final Pattern NAME = Pattern.compile("(?i)(.*\\.(?:h5|hdf5|he5|hdf))(?:#(.*))?");

    private Hdf5() {
    }

    /** Where the data is: the file, and the path inside it ("" when none was given). */
    record Location(Path file, String node) {
        String label() {
            return node.isEmpty() ? file.toString() : file + "#" + node;
        }
    }

    /** The HDF5 location a path names, or null when it is not an HDF5 file name. */
    static Location locate(Path path) {
        var m = NAME.matcher(path.toString());
        if (!m.matches()) {
            return null;
        }
        String node = m.group(2) == null ? "" : m.group(2);
        return new Location(Path.of(m.group(1)), node.isEmpty() || node.startsWith("/") ? node : "/" + node);
    }

    /** The wanted columns (all when none are named) of the table at {@code at}. */
    static Map<String, double[]> columns(Location at, List<String> wanted) {
        try (var file = new HdfFile(at.file())) {
            Map<String, Object> raw = at.node().isEmpty() ? rootTable(at, file) : table(at, node(at, file));
            var columns = new LinkedHashMap<String, double[]>();
            var names = new ArrayList<>(raw.keySet());
            int rows = -1;
            for (String name : wanted.isEmpty() ? names : wanted) {
                if (!raw.containsKey(name)) {
                    throw new DataException(at.label() + ": no column '" + name + "'" + Options.closest(name, names)
                        .map(c -> " (did you mean '" + c + "'?)").orElse("")
                        + "; its columns are " + String.join(", ", names));
                }
                double[] values = numbers(at, name, raw.get(name));
                if (rows >= 0 && values.length != rows) {
                    throw new DataException(at.label() + ": column '" + name + "' has " + values.length
                        + " rows, the columns before it " + rows + "; columns of a table must have equal lengths");
                }
                rows = values.length;
                columns.put(name, values);
            }
            if (rows <= 0) {
                throw new DataException(at.label() + ": the table has no rows");
            }
            return columns;
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException(at.file() + ": cannot read as HDF5: " + e.getMessage());
        }
    }

    /** Every trace (row) of the 2-D dataset at {@code at}. */
    static List<double[]> traces(Location at) {
        try (var file = new HdfFile(at.file())) {
            Dataset d;
            if (at.node().isEmpty()) {
                var found = new ArrayList<Dataset>();
                collect(file, found, x -> !x.isCompound() && x.getDimensions().length == 2);
                if (found.size() != 1) {
                    throw new DataException(at.file() + ": " + (found.isEmpty() ? "no 2-D dataset" : found.size()
                        + " 2-D datasets (" + paths(found) + ")") + "; name the traces as " + at.file().getFileName()
                        + "#/path/to/dataset");
                }
                d = found.get(0);
            } else {
                Node n = node(at, file);
                if (!(n instanceof Dataset x) || x.isCompound() || x.getDimensions().length != 2) {
                    throw new DataException(at.label() + ": not a 2-D numeric dataset [trace, sample]");
                }
                d = x;
            }
            var label = new Location(at.file(), d.getPath());
            Object data = d.getData();
            int count = Array.getLength(data);
            var traces = new ArrayList<double[]>(count);
            for (int i = 0; i < count; i++) {
                traces.add(numbers(label, "trace " + (i + 1), Array.get(data, i)));
            }
            if (traces.isEmpty() || traces.get(0).length < 2) {
                throw new DataException(label.label() + ": no traces (the dataset is empty)");
            }
            return traces;
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException(at.file() + ": cannot read as HDF5: " + e.getMessage());
        }
    }

    private static Node node(Location at, HdfFile file) {
        try {
            return file.getByPath(at.node());
        } catch (RuntimeException e) {
            var all = new ArrayList<Dataset>();
            collect(file, all, x -> true);
            throw new DataException(at.label() + ": no such group or dataset in the file; it has " + paths(all));
        }
    }

    private static Map<String, Object> rootTable(Location at, HdfFile file) {
        var compound = new ArrayList<Dataset>();
        collect(file, compound, Dataset::isCompound);
        if (compound.size() == 1) {
            return table(at, compound.get(0));
        }
        if (compound.size() > 1) {
            throw new DataException(at.file() + ": " + compound.size() + " tables (" + paths(compound)
                + "); name one as " + at.file().getFileName() + "#/path/to/table");
        }
        var columns = table(at, file);
        if (columns.isEmpty()) {
            var all = new ArrayList<Dataset>();
            collect(file, all, x -> true);
            throw new DataException(at.file() + ": no table at the root of the file; name a compound dataset or a group"
                + " of 1-D datasets as " + at.file().getFileName() + "#/path (the file has " + paths(all) + ")");
        }
        return columns;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Location at, Node node) {
        if (node instanceof Dataset d) {
            if (d.isCompound()) {
                return (Map<String, Object>) d.getData();
            }
            if (d.getDimensions().length == 1) {
                return Map.of(d.getName(), d.getData());
            }
            throw new DataException(at.label() + ": a " + d.getDimensions().length
                + "-D dataset is not a table; name a compound dataset or a group of 1-D datasets");
        }
        var columns = new LinkedHashMap<String, Object>();
        for (Node child : (Group) node) {
            if (child instanceof Dataset d && !d.isCompound() && d.getDimensions().length == 1
                && Number.class.isAssignableFrom(box(d.getJavaType()))) {
                columns.put(d.getName(), d.getData());
            }
        }
        return columns;
    }

    private static void collect(Group group, List<Dataset> into, Predicate<Dataset> keep) {
        for (Node child : group) {
            if (child instanceof Dataset d && keep.test(d)) {
                into.add(d);
            } else if (child instanceof Group g && !child.isLink()) {
                collect(g, into, keep);
            }
        }
    }

    private static String paths(List<Dataset> datasets) {
        return datasets.isEmpty() ? "no datasets" : String.join(", ", datasets.stream().map(Dataset::getPath).toList());
    }

    private static double[] numbers(Location at, String what, Object array) {
        if (array == null || !array.getClass().isArray() || array.getClass().getComponentType().isArray()) {
            throw new DataException(at.label() + ": " + what + " is not a 1-D array of numbers");
        }
        int n = Array.getLength(array);
        var out = new double[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(array, i);
            if (!(v instanceof Number x)) {
                throw new DataException(at.label() + ": " + what + " holds " + (v == null ? "nothing" : v.getClass()
                    .getSimpleName()) + " values, not numbers");
            }
            out[i] = x.doubleValue();
            if (Double.isNaN(out[i])) {
                throw new DataException(at.label() + ": " + what + ", row " + (i + 1) + " is NaN");
            }
        }
        return out;
    }

    private static Class<?> box(Class<?> c) {
        return c.isPrimitive() ? MethodType.methodType(c).wrap().returnType() : c;
    }
}
