package org.autotune.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ordered parameters of a campaign; maps points to and from the unit cube. */
public record Space(List<Parameter> parameters) {

    public Space {
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a space needs at least one parameter");
        }
        if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("parameter names must be unique");
        }
    }

    public int dimension() { return parameters.size(); }

    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    public Parameter parameter(int index) { return parameters.get(index); }

    public Point start() {
        return new Point(names(), parameters.stream().mapToDouble(Parameter::start).toArray());
    }

    public double[] toUnit(Point point) {
        var u = new double[dimension()];
        for (int i = 0; i < u.length; i++) {
            u[i] = parameters.get(i).toUnit(point.get(i));
        }
        return u;
    }

    public Point fromUnit(double[] unit) {
        if (unit.length != dimension()) {
            throw new IllegalArgumentException(
                "unit vector has %d entries, space has %d parameters".formatted(unit.length, dimension()));
        }
        var v = new double[unit.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = parameters.get(i).fromUnit(unit[i]);
        }
        return new Point(names(), v);
    }

    public boolean contains(Point point) {
        if (point.size() != dimension()) {
            return false;
        }
        for (int i = 0; i < dimension(); i++) {   // names compared in place: a run asks this of every point
            if (!parameters.get(i).name().equals(point.names().get(i)) || !parameters.get(i).contains(point.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when every parameter is real or log, so continuous optimizers can work on the space. */
    public boolean continuous() {
        return parameters.stream().allMatch(p -> p.kind().continuous());
    }

    /** The point's values as text, as they are written into templates (choices as their text). */
    public Map<String, String> format(Point point) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < dimension(); i++) {
            map.put(parameters.get(i).name(), parameters.get(i).format(point.get(i)));
        }
        return map;
    }
}
