package xm.cli.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.PowerState;
import xm.hypervisor.ShutdownMode;

/** What shutdown and reboot share: choosing the domains, asking them, and waiting with -w. */
final class Shutdowns {
  private Shutdowns() {}

  static int run(
      XmCommand cmd,
      Hypervisor host,
      List<String> args,
      boolean all,
      boolean wait,
      ShutdownMode mode,
      int timeoutSecs,
      String origin) {
    List<DomainInfo> targets = new ArrayList<>();
    if (all) {
      for (DomainInfo d : host.domains()) {
        if (!d.isDomain0()
            && d.id() != null
            && d.power() != PowerState.SHUTDOWN
            && d.power() != PowerState.CRASHED) {
          targets.add(d);
        }
      }
    } else {
      if (args.isEmpty()) {
        throw new UsageException("No domain parameter given");
      }
      if (args.size() > 1) {
        throw new UsageException("No multiple domain parameters allowed");
      }
      targets.add(host.domain(args.get(0)));
    }
    for (DomainInfo d : targets) {
      host.shutdown(d.uuid(), mode, origin);
    }
    if (!wait) {
      return 0;
    }
    Map<String, DomainInfo> waiting = new LinkedHashMap<>();
    for (DomainInfo d : targets) {
      waiting.put(d.uuid(), d);
    }
    boolean rebooting = mode == ShutdownMode.REBOOT;
    int[] preserved = {0};
    java.io.PrintWriter out = cmd.out();
    boolean done =
        host.await(
            doms -> {
              Map<String, DomainInfo> now = new LinkedHashMap<>();
              for (DomainInfo d : doms) {
                now.put(d.uuid(), d);
              }
              for (DomainInfo before : new ArrayList<>(waiting.values())) {
                DomainInfo cur = now.get(before.uuid());
                boolean finished;
                String message;
                if (cur == null) {
                  finished = true;
                  message =
                      rebooting
                          ? "Domain " + before.name() + " destroyed for failing to reboot"
                          : "Domain " + before.name() + " terminated";
                } else if (!java.util.Objects.equals(cur.id(), before.id())
                    && !cur.flags().shutdown()) {
                  finished = true;
                  message = "Domain " + before.name() + (rebooting ? " rebooted" : " terminated");
                } else if (rebooting
                    && cur.power() == PowerState.SHUTDOWN
                    && cur.config().onReboot() == xm.hypervisor.LifecycleAction.PRESERVE) {
                  // on_reboot = preserve: the domain stays shut down for inspection; it will not
                  // come back
                  finished = true;
                  preserved[0]++;
                  message =
                      "Domain "
                          + before.name()
                          + " shut down and preserved (on_reboot = preserve): it does not restart";
                } else {
                  finished =
                      !rebooting
                          && (cur.power() == PowerState.SHUTDOWN
                              || cur.power() == PowerState.CRASHED);
                  message = "Domain " + before.name() + " terminated";
                }
                if (finished) {
                  out.println(message);
                  out.flush();
                  waiting.remove(before.uuid());
                }
              }
              return waiting.isEmpty();
            },
            Duration.ofSeconds(timeoutSecs));
    if (!done) {
      throw XmException.error(
          "timed out after "
              + timeoutSecs
              + "s waiting for "
              + String.join(", ", waiting.values().stream().map(DomainInfo::name).toList()));
    }
    out.println(
        !rebooting
            ? "All domains terminated"
            : preserved[0] > 0 ? "All domains rebooted or preserved" : "All domains rebooted");
    return 0;
  }
}
