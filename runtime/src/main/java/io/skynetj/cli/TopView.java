package io.skynetj.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of one {@code skynetj top} screen: a line about the node, then a service per line, sorted
 * by CPU, mailbox or messages. Rates (CPU %, messages/s) come from two snapshots of the observer API.
 */
final class TopView {
    enum Sort {
        CPU, MAILBOX, MESSAGES;

        static Sort of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "cpu" -> CPU;
                case "mailbox", "mqlen" -> MAILBOX;
                case "messages", "message", "msg" -> MESSAGES;
                default -> throw new IllegalArgumentException("sort by cpu, mailbox or messages, not '" + name + "'");
            };
        }
    }

    /** One service with its rates since the previous snapshot (0 for the first). */
    record Row(String address, String name, String command, long mailbox, long messages, double messagesPerSecond,
               double cpu, double cpuPercent, long suspended, String version, long oldFiles) {}

    /** {@code /api/services} answers: the current one and the previous one (or null). */
    static List<Row> rows(Map<String, Object> now, Map<String, Object> before) {
        Map<String, Map<String, Object>> old = new HashMap<>();
        double seconds = 0;
        if (before != null) {
            for (Map<String, Object> s : services(before)) old.put((String) s.get("address"), s);
            seconds = Math.max(1e-3, (num(now, "time") - num(before, "time")) / 1000);
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> s : services(now)) {
            Map<String, Object> p = old.get((String) s.get("address"));
            double rate = p == null ? 0 : (num(s, "messages") - num(p, "messages")) / seconds;
            double cpu = p == null ? 0 : 100 * (num(s, "cpu") - num(p, "cpu")) / seconds;
            rows.add(new Row((String) s.get("address"), (String) s.get("name"), (String) s.get("command"), (long) num(s, "mailbox"),
                (long) num(s, "messages"), rate, num(s, "cpu"), cpu, (long) num(s, "suspended"), (String) s.get("version"),
                (long) num(s, "oldFiles")));
        }
        return rows;
    }

    static List<Row> sorted(List<Row> rows, Sort sort) {
        Comparator<Row> by = switch (sort) {
            case CPU -> Comparator.comparingDouble(Row::cpuPercent).thenComparingDouble(Row::cpu);
            case MAILBOX -> Comparator.comparingLong(Row::mailbox);
            case MESSAGES -> Comparator.comparingDouble(Row::messagesPerSecond).thenComparingLong(Row::messages);
        };
        List<Row> list = new ArrayList<>(rows);
        list.sort(by.reversed().thenComparing(Row::address));
        return list;
    }

    /** The screen: at most {@code height} lines (0: no limit), each cut to {@code width} characters. */
    static List<String> render(Map<String, Object> node, List<Row> rows, Sort sort, int width, int height) {
        List<String> lines = new ArrayList<>();
        Map<?, ?> heap = (Map<?, ?>) node.get("heap");
        lines.add(String.format(Locale.ROOT, "skynetj top - up %s, %d services, %.1f msg/s, carriers busy %d/%d, timers %d, heap %s/%s",
            uptime(num(node, "uptime")), (long) num(node, "services"), num(node, "messagesPerSecond"), (long) num(node, "carriersBusy"),
            (long) num(node, "carriers"), (long) num(node, "timers"), mib(((Number) heap.get("used")).doubleValue()),
            mib(((Number) heap.get("max")).doubleValue())));
        lines.add("sorted by " + sort.name().toLowerCase(Locale.ROOT) + " (c: cpu, m: mailbox, n: messages, q: quit)");
        lines.add(String.format(Locale.ROOT, "%-10s %-14s %8s %9s %11s %6s %9s %5s %-12s %s",
            "ADDRESS", "NAME", "MAILBOX", "MSG/S", "MESSAGES", "CPU%", "CPU-S", "SUSP", "CODE", "COMMAND"));
        for (Row r : sorted(rows, sort)) {
            String code = r.version().isEmpty() ? "-" : r.version().substring(0, Math.min(8, r.version().length())) + (r.oldFiles() > 0 ? " OLD" : "");
            lines.add(String.format(Locale.ROOT, "%-10s %-14s %8d %9.1f %11d %6.1f %9.3f %5d %-12s %s", r.address(), cut(r.name(), 14),
                r.mailbox(), r.messagesPerSecond(), r.messages(), r.cpuPercent(), r.cpu(), r.suspended(), code, r.command()));
            if (height > 0 && lines.size() >= height) break;
        }
        if (width > 0) lines.replaceAll(l -> cut(l, width));
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> services(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("services");
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static String mib(double bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.0fM", bytes / (1 << 20));
    }

    private static String uptime(double seconds) {
        long s = (long) seconds;
        return s >= 86400 ? String.format("%dd %02d:%02d", s / 86400, s % 86400 / 3600, s % 3600 / 60)
            : String.format("%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
