package org.autotune.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.model.PolynomialBasis;

/**
 * An {@link Emulator} as plain numbers, for {@code autotune export --emulators} (the format is
 * documented in docs/iterating.md): the local frame, the basis terms as exponent vectors, the
 * trusted box, (XᵀX)⁻¹, and per observable its coefficients, data value, fixed variance and
 * residual variance. Anyone can evaluate it: m_k(u) = Σ_t c_kt Π_i x_i^e_ti with x = (u − center)
 * / scale; the prediction's variance is s_k² q(u) with q = φᵀ(XᵀX)⁻¹φ.
 */
public final class EmulatorJson {
    private EmulatorJson() {
    }

    public static Map<String, Object> of(Emulator e) {
        var frame = e.frame();
        int n = frame.dimension();
        var map = new LinkedHashMap<String, Object>();
        map.put("basis", e.basis().toString());
        map.put("samples", e.samples());
        map.put("frame", pair("center", frame.center(), "scale", frame.scale()));
        map.put("terms", terms(e.basis(), n));
        map.put("trusted", pair("lower", e.lower(), "upper", e.upper()));
        map.put("inverse_normal", e.inverseNormal());
        map.put("variance_scale", e.scale());
        var list = new ArrayList<Map<String, Object>>();
        for (int j = 0; j < e.names().size(); j++) {
            var o = new LinkedHashMap<String, Object>();
            o.put("name", e.names().get(j));
            o.put("reference", e.reference()[j]);
            o.put("fixed_variance", e.fixedVariance()[j]);
            o.put("residual_variance", e.residualVariance()[j]);
            o.put("coefficients", e.coefficients()[j]);
            list.add(o);
        }
        map.put("observables", list);
        return map;
    }

    private static Map<String, Object> pair(String a, Object x, String b, Object y) {
        var map = new LinkedHashMap<String, Object>();
        map.put(a, x);
        map.put(b, y);
        return map;
    }

    /** The basis' terms in the order of {@link PolynomialBasis#row}, each as its exponent per coordinate. */
    static List<int[]> terms(PolynomialBasis basis, int n) {
        var terms = new ArrayList<int[]>();
        terms.add(new int[n]);
        for (int i = 0; i < n && basis != PolynomialBasis.CONSTANT; i++) {
            var t = new int[n];
            t[i] = 1;
            terms.add(t);
        }
        for (int i = 0; i < n && basis.curved(); i++) {
            for (int j = i; j < (basis == PolynomialBasis.QUADRATIC ? n : i + 1); j++) {
                var t = new int[n];
                t[i]++;
                t[j]++;
                terms.add(t);
            }
        }
        return terms;
    }
}
