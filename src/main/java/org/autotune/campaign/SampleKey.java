package org.autotune.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What identifies a sample's outputs: the simulator's fingerprint, the point's values as they are
 * written into templates, the seed and the number of events. Equal keys mean equal outputs.
 */
final class SampleKey {
    private SampleKey() {
    }

    static String of(String simulatorFingerprint, Map<String, String> point, long seed, int events) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            var text = new StringBuilder(simulatorFingerprint);
            point.forEach((k, v) -> text.append('\0').append(k).append('=').append(v));
            text.append("\0seed=").append(seed).append("\0events=").append(events);
            return HexFormat.of().formatHex(md.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
