package xm.cli.declare;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.plan.PlanOptions;
import xm.plan.Scopes;
import xm.reconcile.Settings;
import xm.reconcile.SpecSource;

/**
 * What apply and diff share: the spec source and the flags that decide the plan, so that {@code xm
 * diff} with the same flags as {@code xm apply} sees exactly the plan apply would run.
 */
abstract class PlanningCommand extends XmCommand {
  static final Opt FILE =
      Opt.value(
          "-f",
          "--filename",
          "<path>",
          "Spec file, directory (recursive) or - for standard input; repeatable");
  static final Opt PRUNE =
      Opt.flag(
          null,
          "--prune",
          "Destroy managed domains of the scope no spec declares (unless they opted out)");
  static final Opt ALLOW_RESTART =
      Opt.flag(
          null,
          "--allow-restart",
          "Replace domains whose changes need a restart (clean shutdown first)");
  static final Opt ADOPT =
      Opt.flag(
          null,
          "--adopt",
          "Take over unmanaged domains (or another scope's) whose names the specs declare");
  static final Opt SCOPE =
      Opt.value(
          null, "--scope", "<name>", "The spec set that manages these domains (default: default)");
  static final Opt ALLOW_EMPTY =
      Opt.flag(
          null,
          "--allow-empty",
          "Let --prune remove every managed domain of the scope when the specs declare no domains");
  static final Opt TARGET =
      Opt.value(
          null, "--target", "<domain>", "Plan only this domain and what it depends on; repeatable");

  /** The options every planning command takes. */
  static List<Opt> planningOptions() {
    return List.of(FILE, PRUNE, ALLOW_EMPTY, ALLOW_RESTART, ADOPT, SCOPE, TARGET);
  }

  SpecSource source() {
    List<String> files = listValue(FILE);
    if (files == null) {
      throw new UsageException(
          "'xm "
              + name
              + "' needs -f SPECS (a file, a directory, or - for standard input)"
              + otherSource());
    }
    return new SpecSource(files, env.cwd(), env.in());
  }

  /** What else may stand for -f, for the error when neither is given (", or --plan FILE"). */
  String otherSource() {
    return "";
  }

  /** The planning options given on the command line, by name ("-f", "--prune", ...). */
  List<String> planningOptionsGiven() {
    List<String> given = new java.util.ArrayList<>();
    for (Opt o : planningOptions()) {
      if (has(o)) {
        given.add(o.shortName() != null ? o.shortName() : o.longName());
      }
    }
    return given;
  }

  PlanOptions planOptions() {
    String scope = value(SCOPE, PlanOptions.DEFAULT_SCOPE);
    if (!Scopes.isValid(scope)) {
      throw new UsageException(
          "invalid scope '" + scope + "': use up to 63 letters, digits, '.', '-' and '_'");
    }
    Set<String> t = new LinkedHashSet<>();
    for (String v : values(TARGET)) {
      for (String name : v.split(",", -1)) {
        if (name.isBlank()) {
          throw new UsageException(
              "--target needs a domain name (got '"
                  + v
                  + "'); an empty target would plan everything");
        }
        t.add(name.trim());
      }
    }
    return new PlanOptions(
        has(PRUNE),
        has(ALLOW_RESTART),
        has(ADOPT),
        backends().hostName(),
        scope,
        t,
        has(ALLOW_EMPTY));
  }

  Settings settings(int parallelism, Duration stopTimeout, Duration lockTimeout) {
    return new Settings(planOptions(), parallelism, stopTimeout, lockTimeout, origin);
  }
}
