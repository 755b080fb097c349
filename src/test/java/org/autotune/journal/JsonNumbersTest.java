package org.autotune.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A point or the components as the journal writes them read back exactly as Jackson reads them
 * (the fast path for flat objects of numbers, and Jackson for anything else): same names, same
 * order, bit-identical doubles, including non-finite values, signed zero and odd names.
 */
class JsonNumbersTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void what_the_journal_writes_reads_back_as_jackson_reads_it() {
        var rng = new SplittableRandom(5);
        var names = List.of("x", "gain", "amp_2keV", "with space", "quote\"d", "back\\slash", "ünï", "a:b,c", "");
        var specials = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 123456789.0, -1.5e22};
        for (int round = 0; round < 2000; round++) {
            var map = new LinkedHashMap<String, Double>();
            int size = rng.nextInt(5);
            for (int k = 0; k < size; k++) {
                String name = rng.nextInt(4) == 0 ? names.get(rng.nextInt(names.size())) : "p" + rng.nextInt(50);
                double v = rng.nextInt(5) == 0 ? specials[rng.nextInt(specials.length)]
                    : (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-12, 12));
                map.put(name, v);
            }
            String json = Json.write(map);
            Map<String, Double> jackson = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() { });
            var read = Json.readNumbers(json);
            assertThat(read.keySet()).as(json).containsExactlyElementsOf(jackson.keySet());
            for (var e : jackson.entrySet()) {
                assertThat(Double.doubleToRawLongBits(read.get(e.getKey())))
                    .as(json).isEqualTo(Double.doubleToRawLongBits(e.getValue()));
            }
        }
    }

    /** Every finite double as Java prints it (random bit patterns, all exponents) reads back to the same bits. */
    @Test
    void every_finite_double_reads_back_bit_identical() {
        var rng = new SplittableRandom(21);
        for (int k = 0; k < 200_000; k++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            var read = Json.readNumbers("{\"x\":" + v + "}").get("x");
            assertThat(Double.doubleToRawLongBits(read)).as("%s", v).isEqualTo(Double.doubleToRawLongBits(v));
        }
    }
}
