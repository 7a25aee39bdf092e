package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import xm.diag.XmException;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * The simulated hosts of one machine: a directory {@code XM_HOME} (default {@code ~/.xm}) with one
 * sub-directory per host under {@code hosts/}. The default host, {@code localhost}, is made on
 * first use; others are made with {@code xm host init NAME}.
 */
public final class SimHosts {
  public static final String DEFAULT_HOST = "localhost";

  /** The manual clock of a new host starts on the day of the man page: 2009-01-09 00:00 UTC. */
  public static final long MANUAL_EPOCH_MS = 1231459200000L;

  private final Path home;
  private final LockWait lockWait;

  public SimHosts(Path home) {
    this(home, LockWait.defaults());
  }

  /** The hosts under {@code home}, whose locks are waited for as {@code lockWait} says. */
  public SimHosts(Path home, LockWait lockWait) {
    this.home = home.toAbsolutePath().normalize();
    this.lockWait = lockWait;
  }

  /**
   * {@code XM_HOME}, or {@code $HOME/.xm} (the shell's HOME, as every Unix tool takes it; Java's
   * user.home, from the password file, only when HOME is not set).
   */
  public static Path homeFrom(Map<String, String> env) {
    return xm.files.XmHome.of(env);
  }

  public Path home() {
    return home;
  }

  Path dirOf(String name) {
    return home.resolve("hosts").resolve(name);
  }

  public boolean exists(String name) {
    return validName(name) && Files.exists(dirOf(name).resolve(StateStore.STATE_FILE));
  }

  public static boolean validName(String name) {
    return xm.hypervisor.HostNames.isValid(name); // one rule with the spec validation
  }

  /** The names of the hosts that exist, sorted. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    Path dir = home.resolve("hosts");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(this::exists).sorted().forEach(out::add);
    } catch (IOException e) {
      throw StateStore.unavailable("cannot list " + dir + ": " + e.getMessage());
    }
    return out;
  }

  /** Opens host {@code name}; the default host is made when it does not exist yet. */
  public SimHost open(String name) {
    if (!validName(name)) {
      throw XmException.badInput(
          "Invalid host name '" + name + "': use letters, digits, '.', '-' and '_'");
    }
    if (!exists(name)) {
      if (!DEFAULT_HOST.equals(name)) {
        throw StateStore.unavailable(
            "no simulated host '"
                + name
                + "' in "
                + home.resolve("hosts")
                + " (make it with 'xm host init "
                + name
                + "')");
      }
      initIfAbsent(HostSpec.defaults(name));
    }
    return load(name);
  }

  private SimHost load(String name) {
    StateStore store = new StateStore(dirOf(name), lockWait);
    String text = store.read(StateStore.HOST_FILE);
    if (text == null) {
      throw StateStore.unavailable(
          "host '" + name + "' has no " + store.file(StateStore.HOST_FILE));
    }
    HostSpec spec;
    try {
      spec =
          HostSpec.fromSxp(
              SxpParser.parseOne(store.file(StateStore.HOST_FILE).toString(), text),
              store.file(StateStore.HOST_FILE).toString());
    } catch (XmException e) {
      throw new XmException(
          XmException.Kind.UNAVAILABLE, "Unable to read host description: " + e.getMessage());
    }
    if (!spec.name().equals(name)) {
      spec = spec.withName(name); // a host directory renamed by hand is the host of its new name
    }
    return new SimHost(this, name, store, spec);
  }

  /** Makes a new host; fails when one of that name exists. */
  public SimHost init(HostSpec spec) {
    if (!validName(spec.name())) {
      throw XmException.badInput(
          "Invalid host name '" + spec.name() + "': use letters, digits, '.', '-' and '_'");
    }
    try { // what is written must read back: check it as a later command will read it, before
      // writing anything
      HostSpec.fromSxp(
          SxpParser.parseOne(StateStore.HOST_FILE, SxpPrinter.exact(spec.toSxp())),
          StateStore.HOST_FILE);
    } catch (XmException e) {
      throw XmException.badInput(
          "Invalid host '"
              + spec.name()
              + "': "
              + e.getMessage()
                  .replaceFirst(
                      "^" + java.util.regex.Pattern.quote(StateStore.HOST_FILE) + ":\\d+:\\d+: ",
                      "")
              + "; nothing was written");
    }
    if (!initIfAbsent(spec)) {
      throw XmException.error("host '" + spec.name() + "' already exists in " + dirOf(spec.name()));
    }
    return load(spec.name());
  }

  private boolean initIfAbsent(HostSpec spec) {
    StateStore store = new StateStore(dirOf(spec.name()), lockWait);
    try {
      Files.createDirectories(store.dir().resolve(StateStore.CONSOLE_DIR));
    } catch (IOException e) {
      throw StateStore.unavailable("cannot create " + store.dir() + ": " + e.getMessage());
    }
    try (StateStore.Lock lock = store.lock()) {
      if (store.read(StateStore.STATE_FILE) != null) {
        return false;
      }
      long now = spec.clock() == ClockMode.MANUAL ? MANUAL_EPOCH_MS : System.currentTimeMillis();
      SimState s = new SimState();
      s.clockMs = now;
      s.bootMs = now;
      s.domains.add(Domain0.create(spec, now));
      store.writeAtomically(StateStore.HOST_FILE, SxpPrinter.exact(spec.toSxp()));
      store.writeAtomically(StateStore.DMESG_FILE, BootText.hypervisorRing(spec, now));
      Tx tx = new Tx(spec, s, now, null);
      tx.log(
          "INFO",
          "Xend started on simulated host "
              + spec.name()
              + " ("
              + spec.totalMemoryMiB()
              + " MiB, "
              + spec.nrCpus()
              + " CPUs).");
      store.append(StateStore.LOG_FILE, tx.log.toString());
      try {
        // a journal left from a state moved away follows nothing now
        Files.deleteIfExists(store.file(Journal.FILE));
      } catch (IOException e) {
        throw StateStore.unavailable(
            "cannot remove " + store.file(Journal.FILE) + ": " + StateStore.reason(e));
      }
      store.writeAtomically(StateStore.STATE_FILE, StateCodec.write(s));
      return true;
    }
  }
}
