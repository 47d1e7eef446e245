package io.skynetj.observer;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.skynetj.cluster.LinkState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The views as Prometheus metrics. Built at scrape time from the kernel's own counters (nothing is
 * registered per service, so nothing has to be removed when a service exits); the Prometheus Java
 * client's model and text writer do the naming rules and escaping.
 */
final class PrometheusMetrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private PrometheusMetrics() {}

    static byte[] scrape(List<ServiceView> services, NodeView node) {
        List<MetricSnapshot> m = new ArrayList<>();
        serviceMetrics(services, m);
        nodeMetrics(node, m);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + services.size() * 600);
        try {
            WRITER.write(out, new MetricSnapshots(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void serviceMetrics(List<ServiceView> services, List<MetricSnapshot> m) {
        Labels[] labels = new Labels[services.size()];
        for (int i = 0; i < labels.length; i++) {
            ServiceView s = services.get(i);
            labels[i] = Labels.of("address", s.address(), "kind", s.kind(), "name", s.name());
        }
        m.add(gauge("skynetj_service_mailbox", "Messages waiting in the service's mailbox", services, labels, ServiceView::mailbox));
        m.add(counter("skynetj_service_messages", "Messages the service has taken from its mailbox", services, labels, ServiceView::messages));
        m.add(counter("skynetj_service_cpu_seconds", "Seconds the service's executions ran (0 with profile = false)", services, labels, ServiceView::cpuSeconds));
        m.add(gauge("skynetj_service_requests", "Requests taken whose execution has not finished", services, labels, ServiceView::requests));
        m.add(gauge("skynetj_service_suspended", "Coroutines suspended in call, sleep or wait", services, labels, ServiceView::suspended));
        m.add(gauge("skynetj_service_timers", "Timers pending (sleeps and timeouts)", services, labels, ServiceView::timers));
        m.add(gauge("skynetj_service_sockets", "Sockets the service owns", services, labels, ServiceView::sockets));
        m.add(gauge("skynetj_service_code_old_files", "Lua files the service loaded that have changed on disk since", services, labels, ServiceView::oldFiles));
        InfoSnapshot.Builder code = InfoSnapshot.builder().name("skynetj_service_code").help("Version (hash) of the service's main Lua file");
        for (int i = 0; i < labels.length; i++)
            if (!services.get(i).version().isEmpty())
                code.dataPoint(InfoDataPointSnapshot.builder().labels(labels[i].add("version", services.get(i).version())).build());
        m.add(code.build());
    }

    private static void nodeMetrics(NodeView n, List<MetricSnapshot> m) {
        m.add(gauge("skynetj_uptime_seconds", "Seconds since the node started", n.uptimeSeconds()));
        m.add(gauge("skynetj_services", "Services in the handle table", n.services()));
        m.add(counter("skynetj_messages", "Messages handled by all services since start (departed ones included)", n.messages()));
        m.add(gauge("skynetj_messages_per_second", "Messages handled per second over the last sampling period", n.messagesPerSecond()));
        m.add(counter("skynetj_cpu_seconds", "Seconds all services' executions ran since start", n.cpuSeconds()));
        m.add(gauge("skynetj_mailbox", "Messages waiting in all mailboxes", n.mailbox()));
        m.add(gauge("skynetj_carriers", "Carrier threads running services (0: the JDK's default scheduler)", n.carriers()));
        m.add(gauge("skynetj_carriers_busy", "Carrier threads running a service now", n.carriersBusy()));
        m.add(gauge("skynetj_timers", "Timers pending in all services", n.timers()));
        GaugeSnapshot.Builder heap = GaugeSnapshot.builder().name("skynetj_jvm_heap_bytes").help("JVM heap: used, committed and max bytes");
        heap.dataPoint(point(Labels.of("area", "used"), n.heapUsed()));
        heap.dataPoint(point(Labels.of("area", "committed"), n.heapCommitted()));
        heap.dataPoint(point(Labels.of("area", "max"), n.heapMax()));
        m.add(heap.build());
        CounterSnapshot.Builder gcCount = CounterSnapshot.builder().name("skynetj_jvm_gc_collections").help("Garbage collections since start");
        CounterSnapshot.Builder gcTime = CounterSnapshot.builder().name("skynetj_jvm_gc_seconds").help("Seconds spent in garbage collection since start");
        for (NodeView.Gc gc : n.gc()) {
            gcCount.dataPoint(count(Labels.of("gc", gc.name()), gc.collections()));
            gcTime.dataPoint(count(Labels.of("gc", gc.name()), gc.seconds()));
        }
        m.add(gcCount.build());
        m.add(gcTime.build());
        m.add(gauge("skynetj_sockets", "Open sockets (TCP and UDP, listening ones included)", n.sockets().open()));
        m.add(gauge("skynetj_socket_received_bytes", "Bytes received by the sockets open now", n.sockets().bytesIn()));
        m.add(gauge("skynetj_socket_sent_bytes", "Bytes sent by the sockets open now", n.sockets().bytesOut()));
        clusterMetrics(n.links(), m);
        m.add(counter("skynetj_injects", "inject commands run through a console", n.operations().injects()));
        m.add(counter("skynetj_clearcaches", "clearcache commands run through a console", n.operations().clearcaches()));
        m.add(counter("skynetj_upgrades", "Upgrades and rollbacks of managed names", n.operations().upgrades()));
        m.add(counter("skynetj_upgrades_failed", "Upgrades and rollbacks that failed and were undone", n.operations().upgradesFailed()));
        m.add(counter("skynetj_code_cache_hits", "Compiled Lua files found in the code cache", n.codeCache().hits()));
        m.add(counter("skynetj_code_cache_misses", "Lua files compiled because the cache did not hold them", n.codeCache().misses()));
        m.add(gauge("skynetj_code_cache_entries", "Compiled Lua files in the code cache", n.codeCache().entries()));
    }

    /** One series per link; {@code link} numbers them, as two links may share the other labels. */
    private static void clusterMetrics(List<LinkState> links, List<MetricSnapshot> m) {
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("skynetj_cluster_link_up").help("1 when the cluster link is up");
        GaugeSnapshot.Builder pending = GaugeSnapshot.builder().name("skynetj_cluster_link_pending_calls").help("Calls waiting for replies (out) or being served (in)");
        CounterSnapshot.Builder in = CounterSnapshot.builder().name("skynetj_cluster_link_received_bytes").help("Bytes received on the link");
        CounterSnapshot.Builder out = CounterSnapshot.builder().name("skynetj_cluster_link_sent_bytes").help("Bytes sent on the link");
        for (int i = 0; i < links.size(); i++) {
            LinkState l = links.get(i);
            Labels labels = Labels.of("link", Integer.toString(i), "direction", l.direction(), "node", l.node() == null ? "" : l.node(),
                "remote", l.remote() == null ? "" : l.remote(), "state", l.state());
            up.dataPoint(point(labels, "up".equals(l.state()) ? 1 : 0));
            pending.dataPoint(point(labels, l.pendingCalls()));
            in.dataPoint(count(labels, l.bytesIn()));
            out.dataPoint(count(labels, l.bytesOut()));
        }
        m.add(up.build());
        m.add(pending.build());
        m.add(in.build());
        m.add(out.build());
    }

    private static GaugeSnapshot gauge(String name, String help, List<ServiceView> services, Labels[] labels, ToDoubleFunction<ServiceView> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (int i = 0; i < labels.length; i++) b.dataPoint(point(labels[i], value.applyAsDouble(services.get(i))));
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, List<ServiceView> services, Labels[] labels, ToDoubleFunction<ServiceView> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (int i = 0; i < labels.length; i++) b.dataPoint(count(labels[i], value.applyAsDouble(services.get(i))));
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(point(Labels.EMPTY, value)).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help).dataPoint(count(Labels.EMPTY, value)).build();
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterDataPointSnapshot count(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
