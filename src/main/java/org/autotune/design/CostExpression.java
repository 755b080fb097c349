package org.autotune.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.autotune.space.Point;

/**
 * A cost written as arithmetic over the campaign's parameters, e.g. {@code 2*span1*span2 + 0.5*planes}.
 * No expression library is on this machine's Maven repository, and this grammar is small enough to
 * read in one sitting:
 * <pre>
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := atom ('^' unary)?            right-associative: 2^3^2 = 2^9; -x^2 = -(x^2)
 *   atom    := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
 * </pre>
 * Names are the campaign's parameters (a choice parameter stands for the index of its choice) and
 * {@code pi}; the functions are {@link #FUNCTIONS}. Numbers may have a decimal exponent (1.5e3).
 */
public final class CostExpression implements Cost {
    /** The functions an expression may call, with their number of arguments. */
    public static final Map<String, Integer> FUNCTIONS = Map.of("sqrt", 1, "exp", 1, "log", 1, "abs", 1,
        "min", 2, "max", 2, "pow", 2, "ceil", 1, "floor", 1);
    /**
     * The longest expression, in characters, and the deepest nesting (brackets, signs, powers,
     * calls). A cost is a line of arithmetic; the limits keep the recursive parser and the nested
     * functions it builds far from the thread's stack (50 000 brackets overflowed it).
     */
    public static final int MAX_LENGTH = 2000;
    public static final int MAX_DEPTH = 100;

    private final String text;
    private final ToDoubleFunction<double[]> body;

    private CostExpression(String text, ToDoubleFunction<double[]> body) {
        this.text = text;
        this.body = body;
    }

    /**
     * Parses an expression over these parameter names.
     *
     * @throws IllegalArgumentException naming the position and what was expected there
     */
    public static CostExpression parse(String text, List<String> names) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the expression has " + text.length() + " characters, more than "
                + MAX_LENGTH);
        }
        var parser = new Parser(text, List.copyOf(names));
        var body = parser.sum();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
        }
        return new CostExpression(text, body);
    }

    @Override
    public double cost(Point point) {
        return body.applyAsDouble(point.values());
    }

    @Override
    public String toString() {
        return text;
    }

    /** Recursive descent over the text; each method returns the compiled sub-expression. */
    private static final class Parser {
        private final String text;
        private final List<String> names;
        private int pos;
        private int depth;

        Parser(String text, List<String> names) {
            this.text = text;
            this.names = names;
        }

        ToDoubleFunction<double[]> sum() {
            var left = product();
            while (true) {
                if (eat('+')) {
                    var a = left;
                    var b = product();
                    left = v -> a.applyAsDouble(v) + b.applyAsDouble(v);
                } else if (eat('-')) {
                    var a = left;
                    var b = product();
                    left = v -> a.applyAsDouble(v) - b.applyAsDouble(v);
                } else {
                    return left;
                }
            }
        }

        ToDoubleFunction<double[]> product() {
            var left = unary();
            while (true) {
                if (eat('*')) {
                    var a = left;
                    var b = unary();
                    left = v -> a.applyAsDouble(v) * b.applyAsDouble(v);
                } else if (eat('/')) {
                    var a = left;
                    var b = unary();
                    left = v -> a.applyAsDouble(v) / b.applyAsDouble(v);
                } else {
                    return left;
                }
            }
        }

        /** Every recursion passes through here (signs, powers, and via atom brackets and calls). */
        ToDoubleFunction<double[]> unary() {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep (brackets, signs, powers, calls)");
            }
            try {
                return signedPower();
            } finally {
                depth--;
            }
        }

        private ToDoubleFunction<double[]> signedPower() {
            if (eat('-')) {
                var a = unary();
                return v -> -a.applyAsDouble(v);
            }
            if (eat('+')) {
                return unary();
            }
            var base = atom();
            if (eat('^')) {
                var exponent = unary();
                return v -> Math.pow(base.applyAsDouble(v), exponent.applyAsDouble(v));
            }
            return base;
        }

        ToDoubleFunction<double[]> atom() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("the expression ends where a number, a parameter or '(' was expected");
            }
            char c = text.charAt(pos);
            if (eat('(')) {
                var inner = sum();
                expect(')');
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c) || c == '_') {
                return name();
            }
            throw error("unexpected '" + c + "' where a number, a parameter or '(' was expected");
        }

        private ToDoubleFunction<double[]> number() {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
                    pos = mark;   // not an exponent: leave the 'e' to be read as a name (an error then)
                }
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            String word = text.substring(start, pos);
            try {
                double x = Double.parseDouble(word);
                return v -> x;
            } catch (NumberFormatException e) {
                pos = start;
                throw error("'" + word + "' is not a number");
            }
        }

        private ToDoubleFunction<double[]> name() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (eat('(')) {
                return call(word, start);
            }
            int index = names.indexOf(word);
            if (index >= 0) {
                return v -> v[index];
            }
            if (word.equals("pi")) {
                return v -> Math.PI;
            }
            pos = start;
            throw error("'" + word + "' is neither a parameter (" + String.join(", ", names) + ") nor pi"
                + (FUNCTIONS.containsKey(word) ? " (" + word + " is a function: write " + word + "(...))" : ""));
        }

        private ToDoubleFunction<double[]> call(String function, int start) {
            Integer arity = FUNCTIONS.get(function.toLowerCase(Locale.ROOT));
            if (arity == null) {
                pos = start;
                throw error("unknown function '" + function + "'; the functions are "
                    + String.join(", ", FUNCTIONS.keySet().stream().sorted().toList()));
            }
            var args = new ArrayList<ToDoubleFunction<double[]>>();
            args.add(sum());
            while (eat(',')) {
                args.add(sum());
            }
            expect(')');
            if (args.size() != arity) {
                pos = start;
                throw error(function + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got "
                    + args.size());
            }
            var a = args.get(0);
            var b = arity == 2 ? args.get(1) : a;
            return switch (function.toLowerCase(Locale.ROOT)) {
                case "sqrt" -> v -> Math.sqrt(a.applyAsDouble(v));
                case "exp" -> v -> Math.exp(a.applyAsDouble(v));
                case "log" -> v -> Math.log(a.applyAsDouble(v));
                case "abs" -> v -> Math.abs(a.applyAsDouble(v));
                case "ceil" -> v -> Math.ceil(a.applyAsDouble(v));
                case "floor" -> v -> Math.floor(a.applyAsDouble(v));
                case "min" -> v -> Math.min(a.applyAsDouble(v), b.applyAsDouble(v));
                case "max" -> v -> Math.max(a.applyAsDouble(v), b.applyAsDouble(v));
                default -> v -> Math.pow(a.applyAsDouble(v), b.applyAsDouble(v));
            };
        }

        private void expect(char c) {
            if (!eat(c)) {
                throw error(pos < text.length() ? "expected '" + c + "' but found '" + text.charAt(pos) + "'"
                    : "expected '" + c + "' but the expression ends");
            }
        }

        private boolean eat(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String problem) {
            String shown = text.length() <= 80 ? text
                : (pos > 30 ? "…" : "") + text.substring(Math.max(0, pos - 30), Math.min(text.length(), pos + 30))
                    + (pos + 30 < text.length() ? "…" : "");
            return new IllegalArgumentException("at character " + (pos + 1) + " of '" + shown + "': " + problem);
        }
    }
}
