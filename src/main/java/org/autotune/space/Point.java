package org.autotune.space;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable assignment of a value to every parameter of a space, in the space's order.
 * Choice parameters hold the index of their choice.
 */
public final class Point {
    private final List<String> names;
    private final double[] values;

    public Point(List<String> names, double[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(
                "%d names but %d values".formatted(names.size(), values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("value of " + names.get(i) + " is NaN");
            }
        }
        this.names = List.copyOf(names);
        this.values = values.clone();
    }

    /** A point from an ordered map of names to values. */
    public static Point of(Map<String, Double> values) {
        return new Point(List.copyOf(values.keySet()),
            values.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    public List<String> names() { return names; }

    public double[] values() { return values.clone(); }

    public int size() { return values.length; }

    public double get(int index) { return values[index]; }

    public double get(String name) {
        return values[indexOf(name)];
    }

    /** A copy with one value changed. */
    public Point with(String name, double value) {
        var copy = values.clone();
        copy[indexOf(name)] = value;
        return new Point(names, copy);
    }

    public Map<String, Double> asMap() {
        var map = new LinkedHashMap<String, Double>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    private int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter named " + name + " in " + names);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && names.equals(p.names) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(Parameter.plain(values[i]));
        }
        return sb.append('}').toString();
    }
}
