package xm.controller;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The controller's Prometheus metrics, made with the Prometheus Java client, in its own registry.
 */
final class Metrics {
  final PrometheusRegistry registry = new PrometheusRegistry();
  final Counter passes =
      Counter.builder()
          .name("xm_controller_passes_total")
          .help("Passes run, by host and result")
          .labelNames("host", "result")
          .register(registry);
  final Histogram duration =
      Histogram.builder()
          .name("xm_controller_pass_duration_seconds")
          .help("How long a pass took, by host")
          .labelNames("host")
          .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
          .register(registry);
  final Counter changes =
      Counter.builder()
          .name("xm_controller_changes_applied_total")
          .help("Changes applied, by host")
          .labelNames("host")
          .register(registry);
  final Counter failures =
      Counter.builder()
          .name("xm_controller_failures_total")
          .help("Failed passes, by host")
          .labelNames("host")
          .register(registry);
  final Gauge drift =
      Gauge.builder()
          .name("xm_controller_drift")
          .help("Changes the last pass found to make, by host")
          .labelNames("host")
          .register(registry);

  Metrics() {
    // the process's own: heap, GC, threads (what an operator watches a long-running loop by)
    io.prometheus.metrics.instrumentation.jvm.JvmMetrics.builder().register(registry);
  }
}
