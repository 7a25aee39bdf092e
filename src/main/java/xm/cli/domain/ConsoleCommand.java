package xm.cli.domain;

import java.util.List;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.SafeText;
import xm.diag.XmException;

/**
 * {@code xm console [-q] [-f|--follow] <Domain>}: the guest's console. On a terminal (or with
 * {@code -f}) it stays attached, printing new console output as it comes, until the domain goes
 * away or you press Ctrl-C; otherwise (scripts) it prints what is there and returns.
 */
public final class ConsoleCommand extends XmCommand {
  static final Opt QUIET =
      Opt.flag("-q", "--quiet", "Do not print an error message if the domain does not exist");
  static final Opt FOLLOW =
      Opt.flag(
          "-f", "--follow", "Stay attached and print new console output (default on a terminal)");
  static final Opt NO_FOLLOW =
      Opt.flag(null, "--no-follow", "Print the console so far and return, even on a terminal");

  @Override
  protected List<Opt> options() {
    return List.of(QUIET, FOLLOW, NO_FOLLOW);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (args.size() != 1) {
      throw new UsageException("No domain given");
    }
    String ref = args.get(0);
    java.util.Optional<List<String>> client;
    try {
      client = host().consoleClient(ref);
    } catch (XmException e) {
      if (has(QUIET)) {
        return 1;
      }
      throw e;
    }
    if (client.isPresent()) {
      return attach(client.get());
    }
    List<String> lines;
    String uuid;
    try {
      uuid = host().domain(ref).uuid();
      lines = host().console(uuid);
    } catch (XmException e) {
      if (has(QUIET)) {
        return 1;
      }
      throw e;
    }
    lines.forEach(this::show);
    out().flush();
    boolean follow = has(FOLLOW) || (env.terminal() && !has(NO_FOLLOW));
    while (follow) {
      Thread.sleep(300);
      List<String> now;
      try {
        now = host().console(uuid);
      } catch (XmException gone) {
        err().println(xm.diag.SafeText.errorLine("Domain " + ref + " is gone; console closed."));
        return 0;
      }
      now.subList(newFrom(lines, now), now.size()).forEach(this::show);
      out().flush();
      lines = now;
    }
    return 0;
  }

  /**
   * Hands the terminal to the backend's own console client (virsh console: Ctrl-] leaves it) and
   * returns its exit code; without a terminal, says so in one line instead.
   */
  private int attach(List<String> command) throws InterruptedException {
    if (!env.terminal()) {
      throw XmException.error(
          "the console of this domain is a terminal session ("
              + String.join(" ", command.subList(0, command.size() - 2))
              + " console): run xm console on a terminal");
    }
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      throw XmException.error(
          "cannot run "
              + command.get(0)
              + " for the console ("
              + e.getMessage()
              + "); install it with 'apt-get install libvirt-clients'");
    }
  }

  /** A console line, its control characters escaped: a guest's escape sequences stay text. */
  private void show(String line) {
    out().println(SafeText.forTerminal(line));
  }

  /**
   * Where the lines not shown yet begin in {@code now}. A console is its recent part only, so once
   * it is full, old lines drop off the front as new ones come: the new ones are those after the
   * longest end of {@code before} that {@code now} begins with.
   */
  static int newFrom(List<String> before, List<String> now) {
    if (now.size() >= before.size() && now.subList(0, before.size()).equals(before)) {
      return before.size();
    }
    for (int drop = 1; drop < before.size(); drop++) {
      List<String> rest = before.subList(drop, before.size());
      if (now.size() >= rest.size() && now.subList(0, rest.size()).equals(rest)) {
        return rest.size();
      }
    }
    return 0;
  }
}
