package org.autotune.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
    /** Random instants from 1970 to 2100 at every precision Instant.toString prints (s, ms, µs, ns). */
    static Stream<Instant> instants() {
        var rng = new SplittableRandom(21);
        return Stream.generate(() -> {
            long second = rng.nextLong(0, 4_102_444_800L);
            long nanos = switch (rng.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rng.nextLong(1000) * 1_000_000;
                case 2 -> rng.nextLong(1_000_000) * 1000;
                default -> rng.nextLong(1_000_000_000);
            };
            return Instant.ofEpochSecond(second, nanos);
        }).limit(500);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void reads_back_every_time_the_journal_writes(Instant t) {
        assertThat(Times.parse(t.toString())).isEqualTo(t).isEqualTo(Instant.parse(t.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T12:00:00Z", "2026-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z",
        "2026-01-30T00:00:00.1Z", "+12026-01-01T00:00:00Z"})
    void reads_what_it_does_not_parse_itself_as_java_time_does(String text) {
        assertThat(Times.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-01T00:00:00", "2026-12-01"})
    void refuses_what_java_time_refuses(String text) {
        assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
