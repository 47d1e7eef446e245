package io.skynetj.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values one system (skynetj or skynet) printed on its BENCH lines, every run kept: bench name → key → values. */
final class Measurements {
    final Map<String, Map<String, List<Double>>> byBench = new LinkedHashMap<>();

    /** Records the numeric key=value fields of one {@code BENCH name k=v ...} line; other lines are ignored. */
    void record(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length < 2 || !words[0].equals("BENCH")) return;
        Map<String, List<Double>> byKey = byBench.computeIfAbsent(words[1], k -> new LinkedHashMap<>());
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) continue;
            try {
                byKey.computeIfAbsent(words[i].substring(0, eq), k -> new ArrayList<>()).add(Double.parseDouble(words[i].substring(eq + 1)));
            } catch (NumberFormatException notANumber) {
                // non-numeric fields are only shown in the per-run lines
            }
        }
    }

    /** The values of one key, or an empty list. */
    List<Double> values(String bench, String key) {
        Map<String, List<Double>> byKey = byBench.get(bench);
        List<Double> v = byKey == null ? null : byKey.get(key);
        return v == null ? List.of() : v;
    }

    double median(String bench, String key) {
        return median(values(bench, key));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
