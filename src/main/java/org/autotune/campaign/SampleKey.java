package org.autotune.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * What identifies a sample's outputs: the simulator's fingerprint, the point's values as they are
 * written into templates, the seed and the number of events. Equal keys mean equal outputs.
 */
final class SampleKey {
    /** One digest per thread, reused (looking the algorithm up per sample cost a replay a tenth of its time). */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(SampleKey::sha256);

    private SampleKey() {
    }

    static String of(String simulatorFingerprint, Map<String, String> point, long seed, int events) {
        var md = DIGEST.get();
        md.reset();
        var text = new StringBuilder(simulatorFingerprint);
        point.forEach((k, v) -> text.append('\0').append(k).append('=').append(v));
        text.append("\0seed=").append(seed).append("\0events=").append(events);
        return HexFormat.of().formatHex(md.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Whether a journaled point ({@code recorded}, as the journal holds it) is {@code point}, whose
     * text is {@code values}: the same numbers in the same order, or else the same text in templates.
     * (The numbers first: formatting each journaled point again cost a replay more than reading it.)
     */
    static boolean samePoint(Space space, Map<String, Double> recorded, Point point, Map<String, String> values) {
        int i = 0;
        for (var e : recorded.entrySet()) {
            if (i >= point.size() || !e.getKey().equals(point.names().get(i)) || e.getValue() != point.get(i++)) {
                return space.format(Point.of(recorded)).equals(values);
            }
        }
        return i == point.size() || space.format(Point.of(recorded)).equals(values);
    }
}
