package xm.cli.domain;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;

/**
 * {@code xm dump-core [-L|--live] [-C|--crash] [-R|--reset] <Domain> [Filename]}: the domain's
 * memory image to a file (by default {@code $XM_HOME/dump/YYYY-MMDD-HHMM.SS-NAME.ID.core}, where
 * Xen used {@code /var/xen/dump}: xm writes nothing outside XM_HOME unless told where); paused
 * while it is written unless -L; then destroyed (-C) or reset (-R).
 */
public final class DumpCoreCommand extends XmCommand {
  static final Opt LIVE = Opt.flag("-L", "--live", "Dump core without pausing the domain");
  static final Opt CRASH = Opt.flag("-C", "--crash", "Crash domain after dumping core");
  static final Opt RESET = Opt.flag("-R", "--reset", "Reset domain after dumping core");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MMdd-HHmm.ss").withZone(ZoneOffset.UTC);

  @Override
  protected List<Opt> options() {
    return List.of(LIVE, CRASH, RESET);
  }

  @Override
  public Integer call() {
    requireArgs(1, 2);
    if (has(CRASH) && has(RESET)) {
      throw new UsageException("You may not specify more than one '-CR' option");
    }
    out().println("Dumping core of domain: " + args.get(0) + " ...");
    out().flush();
    DomainInfo d = host().domain(args.get(0));
    Path file =
        args.size() == 2
            ? env.cwd().resolve(args.get(1)).toAbsolutePath().normalize()
            : backends()
                .home()
                .resolve("dump")
                .resolve(STAMP.format(host().now()) + "-" + d.name() + "." + d.id() + ".core");
    host().dumpCore(args.get(0), file, has(LIVE), has(CRASH), has(RESET), origin);
    return 0;
  }
}
