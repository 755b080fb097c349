package org.autotune.campaign;

import java.util.LinkedHashMap;
import org.autotune.optimize.PathStep;
import org.autotune.space.Space;
import tools.jackson.databind.json.JsonMapper;

/** An optimizer path step as the JSON the journal keeps (points with their values as text). */
final class PathJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PathJson() {
    }

    static String of(PathStep s, Space space) {
        var m = new LinkedHashMap<String, Object>();
        m.put("index", s.index());
        m.put("axis", s.axis());
        m.put("step", s.step());
        m.put("from", space.format(s.from()));
        m.put("from_score", finite(s.fromScore()));
        m.put("to", space.format(s.to()));
        m.put("to_score", finite(s.toScore()));
        m.put("accepted", s.accepted());
        m.put("batch", s.batchSize());
        return MAPPER.writeValueAsString(m);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : String.valueOf(v);
    }
}
