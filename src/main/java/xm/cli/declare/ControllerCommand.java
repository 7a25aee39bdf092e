package xm.cli.declare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import xm.cli.Durations;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.controller.Backoff;
import xm.controller.Controller;
import xm.controller.DirFeed;
import xm.controller.GitFeed;
import xm.controller.HostStatus;
import xm.controller.HttpEndpoints;
import xm.controller.SpecFeed;
import xm.controller.StatusFile;
import xm.diag.XmException;
import xm.plan.PlanOptions;

/**
 * {@code xm controller run (-f DIR | --git URL [--branch B] [--path P]) [--scope S] [--interval
 * 30s] [--prune] [--listen ADDR:PORT] [--cluster JDBC_URL]}: the reconciliation loop, in the
 * foreground until SIGTERM or Ctrl-C (the passes in flight finish first). {@code xm controller
 * status [-o json]}: each host's last pass, as the running (or last) controller reported it.
 */
public final class ControllerCommand extends XmCommand {
  static final Opt FILE =
      Opt.value("-f", "--filename", "<dir>", "run: follow this directory of specs");
  static final Opt GIT = Opt.value(null, "--git", "<url>", "run: follow this git repository");
  static final Opt BRANCH =
      Opt.value(null, "--branch", "<branch>", "run: the branch to follow (default main)");
  static final Opt PATH =
      Opt.value(null, "--path", "<dir>", "run: the specs' directory in the repository");
  static final Opt SCOPE =
      Opt.value(null, "--scope", "<name>", "run: the spec set it manages (default: default)");
  static final Opt INTERVAL =
      Opt.value(
          null, "--interval", "<duration>", "run: how often each host is reconciled (default 30s)");
  static final Opt POLL =
      Opt.value(
          null, "--poll", "<duration>", "run: how often the spec source is read (default 2s)");
  static final Opt PRUNE =
      Opt.flag(null, "--prune", "run: destroy managed domains of the scope no spec declares");
  static final Opt LISTEN =
      Opt.value(null, "--listen", "<addr:port>", "run: serve /healthz, /readyz, /metrics, /status");
  static final Opt CLUSTER =
      Opt.value(
          null, "--cluster", "<jdbc-url>", "run: share hosts with other instances (PostgreSQL)");
  static final Opt INSTANCE =
      Opt.value(null, "--instance", "<name>", "run: this instance's name (default host-pid)");
  static final Opt THREADS =
      Opt.value(null, "--threads", "<n>", "run: hosts reconciled at once (default 4)");
  static final Opt OUTPUT =
      Opt.value("-o", "--output", "<format>", "status: text (default) or json");

  @Override
  protected List<Opt> options() {
    return List.of(
        FILE, GIT, BRANCH, PATH, SCOPE, INTERVAL, POLL, PRUNE, LISTEN, CLUSTER, INSTANCE, THREADS,
        OUTPUT);
  }

  private Path home() {
    return backends().home();
  }

  @Override
  public Integer call() throws Exception {
    if (args.isEmpty()) {
      throw new UsageException("'xm controller' needs run or status");
    }
    return switch (args.get(0)) {
      case "run" -> run();
      case "status" -> status();
      default ->
          throw new UsageException(
              "unknown 'xm controller' action '" + args.get(0) + "' (use run or status)");
    };
  }

  private int run() throws InterruptedException {
    requireArgs(1);
    if (has(FILE) == has(GIT)) {
      throw new UsageException("'xm controller run' needs -f DIR or --git URL (one of them)");
    }
    if (!has(GIT) && (has(BRANCH) || has(PATH))) {
      throw new UsageException("--branch and --path go with --git");
    }
    Duration interval = Durations.parse(value(INTERVAL, "30s"));
    Duration poll = Durations.parse(value(POLL, "2s"));
    if (interval.toMillis() < 100 || poll.toMillis() < 100) {
      throw new UsageException("--interval and --poll are at least 100ms");
    }
    int threads = intValue(THREADS, 4);
    if (threads < 1 || threads > 64) {
      throw new UsageException("--threads takes 1 to 64");
    }
    String scope = value(SCOPE, PlanOptions.DEFAULT_SCOPE);
    if (!xm.plan.Scopes.isValid(scope)) {
      throw new UsageException(
          "invalid scope '" + scope + "': use up to 63 letters, digits, '.', '-' and '_'");
    }
    String cluster = has(CLUSTER) ? value(CLUSTER, "") : null;
    if (cluster != null && !cluster.startsWith("jdbc:postgresql:")) {
      throw new UsageException(
          "--cluster takes a PostgreSQL JDBC URL (jdbc:postgresql://HOST/DB?user=...)");
    }
    String instance = value(INSTANCE, hostname() + "-" + ProcessHandle.current().pid());
    if (!instance.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new UsageException("--instance takes up to 100 letters, digits, '.', '-' and '_'");
    }
    Path home = home();
    SpecFeed feed =
        has(FILE)
            ? new DirFeed(env.cwd().resolve(value(FILE, "")), value(FILE, ""))
            : new GitFeed(
                value(GIT, ""),
                value(BRANCH, "main"),
                value(PATH, ""),
                home.resolve("controller/git").resolve(instance));
    java.nio.channels.FileChannel runLock =
        cluster == null ? exclusive(home) : null; // held for the process's life
    PlanOptions plan =
        new PlanOptions(has(PRUNE), false, false, backends().hostName(), scope, Set.of());
    Controller.Options o =
        new Controller.Options(
            plan,
            interval,
            poll,
            Duration.ofMinutes(5),
            threads,
            10,
            Duration.ofSeconds(120),
            backends().lockTimeout(),
            "xm controller " + instance,
            cluster,
            instance);
    Controller.Log log =
        line -> {
          synchronized (this) {
            out().println(line);
            out().flush();
          }
        };
    if (cluster != null) {
      xm.controller.ClusterSchema.ensure(cluster);
    }
    Controller c =
        new Controller(
            backends().engine(),
            o,
            feed,
            log,
            new StatusFile(home.resolve("controller"), instance),
            new Backoff(Duration.ofMinutes(5), new java.util.Random()));
    HttpEndpoints http = has(LISTEN) ? new HttpEndpoints(c, value(LISTEN, "")) : null;
    log.line(
        "xm controller "
            + instance
            + ": following "
            + feed.describe()
            + ", scope "
            + scope
            + ", every "
            + value(INTERVAL, "30s")
            + (has(PRUNE) ? ", pruning" : "")
            + (http == null ? "" : ", on :" + http.port())
            + (cluster == null ? "" : ", clustered"));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              log.line(
                  "xm controller " + instance + ": stopping (the passes in flight finish first)");
              c.close();
              if (http != null) {
                http.close();
              }
              log.line("xm controller " + instance + ": stopped");
              stopped.countDown();
              if (runLock != null) {
                try {
                  runLock.close();
                } catch (java.io.IOException ignored) {
                  // the process ends: the OS lock goes with it
                }
              }
            },
            "xm-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    c.start();
    stopped.await();
    return 0;
  }

  /**
   * Without --cluster, one controller per XM_HOME: two would fight over every host (each healing
   * the other's changes). The lock is the OS's, so a killed controller leaves none behind.
   */
  private java.nio.channels.FileChannel exclusive(Path home) {
    Path file = home.resolve("controller/run.lock");
    try {
      Files.createDirectories(file.getParent());
      java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(
              file,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.READ,
              java.nio.file.StandardOpenOption.WRITE);
      java.nio.channels.FileLock lock = ch.tryLock();
      if (lock == null) {
        String holder =
            new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).strip();
        ch.close();
        throw XmException.error(
            "another controller runs on this XM_HOME ("
                + xm.diag.SafeText.oneLine(holder)
                + "): stop it, or share the hosts with --cluster");
      }
      ch.truncate(0);
      ch.write(
          java.nio.ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid())
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return ch;
    } catch (java.io.IOException e) {
      throw XmException.error("cannot take the controller's lock " + file + ": " + e.getMessage());
    }
  }

  private static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (java.io.IOException e) {
      return "xm";
    }
  }

  private int status() throws Exception {
    requireArgs(1);
    String output = value(OUTPUT, "text");
    if (!output.equals("text") && !output.equals("json")) {
      throw new UsageException("unknown output format '" + output + "' (use text or json)");
    }
    List<String> unreadable = new ArrayList<>();
    List<StatusFile.Snapshot> all = StatusFile.readAll(home().resolve("controller"), unreadable);
    for (String u : unreadable) {
      err().println("Warning: a status file does not read: " + u);
    }
    if (all.isEmpty()) {
      throw XmException.error(
          "no controller has run with this XM_HOME ("
              + home()
              + "); start one with xm controller run");
    }
    if (output.equals("json")) {
      out().print(StatusFile.json(all) + "\n");
      return 0;
    }
    java.util.Map<String, HostStatus> newest = new java.util.TreeMap<>();
    for (StatusFile.Snapshot s : all) {
      boolean alive = ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
      out()
          .println(
              xm.diag.SafeText.forTerminal(
                  "Controller "
                      + s.instance()
                      + " (pid "
                      + s.pid()
                      + ", "
                      + (alive ? "running" : "not running")
                      + "): "
                      + s.source()
                      + " at "
                      + (s.revision() == null ? "(not read)" : s.revision())
                      + ", every "
                      + s.intervalSeconds()
                      + "s; updated "
                      + s.updated()));
      if (s.sourceError() != null) {
        out().println(xm.diag.SafeText.forTerminal("  spec source: " + s.sourceError()));
      }
      if (s.specError() != null) {
        out().println(xm.diag.SafeText.forTerminal("  specs refused: " + s.specError()));
      }
      for (HostStatus h : s.hosts()) {
        HostStatus seen = newest.get(h.host());
        if (seen == null
            || (h.lastPass() != null
                && (seen.lastPass() == null || h.lastPass().compareTo(seen.lastPass()) > 0))) {
          newest.put(h.host(), h);
        }
      }
    }
    out().println();
    out()
        .println(
            Text.left("HOST", 18)
                + " "
                + Text.left("LAST PASS", 20)
                + " "
                + Text.left("REVISION", 17)
                + " "
                + Text.left("RESULT", 10)
                + " "
                + Text.right("DRIFT", 5)
                + " "
                + Text.left("NEXT PASS", 20)
                + " HELD");
    for (HostStatus h : newest.values()) {
      out()
          .println(
              xm.diag.SafeText.forTerminal(
                  Text.left(h.host(), 18)
                      + " "
                      + Text.left(time(h.lastPass()), 20)
                      + " "
                      + Text.left(h.revision() == null ? "-" : h.revision(), 17)
                      + " "
                      + Text.left(h.result(), 10)
                      + " "
                      + Text.right(Integer.toString(h.drift()), 5)
                      + " "
                      + Text.left(time(h.nextPass()), 20)
                      + " "
                      + (h.held().isEmpty() ? "-" : String.join("; ", h.held()))));
      if (!h.result().equals("converged") && !h.result().equals("waiting")) {
        out().println(xm.diag.SafeText.forTerminal("  " + h.message()));
      }
    }
    return 0;
  }

  private static String time(String iso) {
    return iso == null
        ? "-"
        : iso.replace('T', ' ').replaceFirst("\\.[0-9]+Z$", "Z").replace("Z", "");
  }
}
