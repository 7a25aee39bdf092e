package xm.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import xm.diag.XmException;

/**
 * The controller's HTTP endpoints, on the JDK's HTTP server: {@code /healthz} (503 while the spec
 * source cannot be read or its revision is refused), {@code /readyz} (503 until every host has had
 * a pass), {@code /metrics} (Prometheus text format, written by the Prometheus client's own
 * handler) and {@code /status} (JSON, written with Jackson).
 */
public final class HttpEndpoints implements AutoCloseable {
  static {
    // a client that sends half a request must not hold a worker for ever (the JDK server reads
    // these once)
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", "10");
    }
    if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
      System.setProperty("sun.net.httpserver.maxRspTime", "30");
    }
  }

  private final HttpServer server;

  public HttpEndpoints(Controller c, String listen) {
    InetSocketAddress address = address(listen);
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw XmException.error("controller: cannot listen on " + listen + ": " + e.getMessage());
    }
    MetricsHandler metrics = new MetricsHandler(c.metrics.registry);
    server.createContext(
        "/",
        x -> {
          try (x) {
            String path = x.getRequestURI().getRawPath();
            if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
              x.getResponseHeaders().set("Allow", "GET, HEAD");
              send(
                  x,
                  405,
                  "text/plain; charset=utf-8",
                  "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
              return;
            }
            switch (path) {
              case "/healthz" -> plain(x, c.health());
              case "/readyz" -> plain(x, c.readiness());
              case "/metrics" -> metrics.handle(x);
              case "/status" ->
                  send(x, 200, "application/json", StatusFile.JSON.writeValueAsBytes(c.snapshot()));
              default ->
                  send(
                      x,
                      404,
                      "text/plain; charset=utf-8",
                      "no such endpoint: /healthz, /readyz, /metrics and /status are\n"
                          .getBytes(StandardCharsets.UTF_8));
            }
          }
        });
    server.setExecutor(
        java.util.concurrent.Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "xm-http");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  /** The port it listens on (the one asked for, or the one the system chose for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code HOST:PORT}, {@code :PORT} (every address) or {@code PORT}. */
  static InetSocketAddress address(String listen) {
    int colon = listen.lastIndexOf(':');
    String host = colon < 0 ? "" : listen.substring(0, colon);
    String port = colon < 0 ? listen : listen.substring(colon + 1);
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw XmException.badInput(
          "--listen takes ADDR:PORT (e.g. 127.0.0.1:9090 or :9090), not '" + listen + "'");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty()
        ? new InetSocketAddress(Integer.parseInt(port))
        : new InetSocketAddress(host, Integer.parseInt(port));
  }

  private static void plain(HttpExchange x, String problem) throws IOException {
    send(
        x,
        problem == null ? 200 : 503,
        "text/plain; charset=utf-8",
        ((problem == null ? "ok" : xm.diag.SafeText.oneLine(problem)) + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int code, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(code, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
