package xm.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.SimHostFactory;
import xm.hypervisor.sim.SimHosts;
import xm.plan.PlanOptions;
import xm.reconcile.Engine;
import xm.testing.DelegatingHostFactory;
import xm.testing.Xm;

/**
 * The loop as Quartz runs it: each host reconciled every interval without being asked, a change to
 * the specs applied at once (long before the interval), a failed host rescheduled by its backoff;
 * and the HTTP endpoints: /healthz and /readyz, /metrics in the Prometheus text format, /status as
 * JSON. Waits are bounded polls of an outcome, not timings.
 */
class ControllerSchedulerTest {
  static final String WEB =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: {kernel: /boot/vmlinuz, memory: 128, maxmem: 256}\n";

  @TempDir Path dir;
  Xm xm;
  Path specs;
  Controller c;
  HttpEndpoints http;
  List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws Exception {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init").code());
    specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(specs.resolve("web.yaml"), WEB);
  }

  @AfterEach
  void tearDown() {
    if (http != null) {
      http.close();
    }
    if (c != null) {
      c.close();
    }
  }

  final Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();

  void start(Duration interval) {
    HostFactory hosts =
        new DelegatingHostFactory(new SimHostFactory(new SimHosts(dir.resolve("home")))) {
          @Override
          public Hypervisor open(String address) {
            if (down.contains(address)) {
              throw XmException.error("Unable to connect to " + address);
            }
            return super.open(address);
          }
        };
    Engine engine = new Engine(hosts, Clock.systemUTC());
    Controller.Options o =
        new Controller.Options(
            new PlanOptions(false, false, false, "localhost", "default", Set.of()),
            interval,
            Duration.ofMillis(200),
            Duration.ofMinutes(5),
            2,
            4,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            "xm controller run",
            null,
            "sched-" + ProcessHandle.current().pid());
    c =
        new Controller(
            engine,
            o,
            new DirFeed(specs, "specs"),
            lines::add,
            new StatusFile(dir.resolve("home/controller"), o.instance()),
            new Backoff(Duration.ofMinutes(5), new Random(3)));
    http = new HttpEndpoints(c, "127.0.0.1:0");
    c.start();
  }

  static void eventually(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "never happened: " + what);
      Thread.sleep(50);
    }
  }

  String memory() {
    return xm.run("list", "web1")
        .out()
        .lines()
        .filter(l -> l.startsWith("web1 "))
        .findFirst()
        .map(l -> l.trim().split("\\s+")[2])
        .orElse("-");
  }

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachHostIsReconciledEveryIntervalWithoutBeingAsked() throws Exception {
    start(Duration.ofMillis(500));
    eventually("web1 created", () -> memory().equals("128"));
    assertEquals(0, xm.run("mem-set", "web1", "200").code());
    eventually("the drift healed by a scheduled pass", () -> memory().equals("128"));
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("localhost: ~ web1: done")), lines.toString());
  }

  @Test
  void aChangeToTheSpecsIsAppliedAtOnceNotAtTheNextInterval() throws Exception {
    start(Duration.ofHours(1));
    eventually("the first pass", () -> memory().equals("128"));
    Files.writeString(specs.resolve("web.yaml"), WEB.replace("memory: 128", "memory: 144"));
    eventually("the new revision applied (the interval is an hour)", () -> memory().equals("144"));
  }

  @Test
  void theEndpointsReportHealthReadinessMetricsAndStatus() throws Exception {
    start(Duration.ofHours(1));
    eventually("ready", () -> c.readiness() == null);
    assertEquals(200, get("/healthz").statusCode());
    assertEquals(200, get("/readyz").statusCode());
    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    PrometheusText.requireValid(metrics.body());
    assertTrue(
        metrics
            .body()
            .contains("xm_controller_passes_total{host=\"localhost\",result=\"healed\"} 1"),
        metrics.body());
    assertTrue(
        metrics.body().contains("# TYPE xm_controller_pass_duration_seconds histogram"),
        metrics.body());
    assertEquals(404, get("/healthzXYZ").statusCode());
    assertEquals(404, get("/status/anything").statusCode());
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/status"))
                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    JsonNode status = StatusFile.JSON.readTree(get("/status").body());
    assertEquals("localhost", status.get("hosts").get(0).get("host").asText());
    assertEquals("healed", status.get("hosts").get(0).get("result").asText());
    assertEquals(c.revision(), status.get("revision").asText());

    Files.writeString(
        specs.resolve("web.yaml"),
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: [\n");
    eventually(
        "/healthz reports the broken spec source",
        () -> {
          try {
            return get("/healthz").statusCode() == 503;
          } catch (Exception e) {
            return false;
          }
        });
    assertTrue(get("/healthz").body().contains("is refused"), get("/healthz").body());
  }

  @Test
  void aFailedHostIsRetriedByItsBackoffNotItsIntervalAndRecoversByItself() throws Exception {
    down.add("localhost");
    start(Duration.ofHours(1));
    eventually("two failed passes", () -> c.status().get("localhost").failures() >= 2);
    HostStatus s = c.status().get("localhost");
    Instant next = Instant.parse(s.nextPass());
    assertTrue(
        next.isBefore(Instant.parse(s.lastPass()).plus(Duration.ofSeconds(10))),
        "retried after its backoff (about 2 s after two failures), not after the hour's interval: "
            + s);
    down.remove("localhost");
    eventually(
        "recovered without being asked",
        () -> "healed".equals(c.status().get("localhost").result()));
    assertEquals(0, c.status().get("localhost").failures());
    assertEquals("128", memory());
  }
}
