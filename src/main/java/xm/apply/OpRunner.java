package xm.apply;

import java.time.Duration;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.PowerState;
import xm.hypervisor.ShutdownMode;
import xm.plan.Op;

/** Runs one operation against its host with the same calls an operator's xm commands make. */
final class OpRunner {
  static final String ORIGIN = "xm apply";

  private OpRunner() {}

  /** Runs {@code op}; returns a short note of what happened (or "" ). */
  static String run(Op op, HostAccess hosts, Duration timeout) {
    if (op instanceof Op.CreateHost ch) {
      hosts.createHost(ch.doc());
      return "host made";
    }
    Hypervisor h = hosts.host(op.host());
    if (op instanceof Op.Create c) {
      DomainInfo d = h.create(c.config(), new CreateOptions(c.paused(), true, c.annotations()), ORIGIN);
      return "created as id " + d.id();
    } else if (op instanceof Op.MemSet m) {
      h.setMemory(m.domain(), m.mib(), ORIGIN);
    } else if (op instanceof Op.MemMax m) {
      h.setMaxMemory(m.domain(), m.mib(), ORIGIN);
    } else if (op instanceof Op.VcpuSet v) {
      h.setVcpus(v.domain(), v.vcpus(), ORIGIN);
    } else if (op instanceof Op.Pause p) {
      h.pause(p.domain(), ORIGIN);
    } else if (op instanceof Op.Unpause u) {
      h.unpause(u.domain(), ORIGIN);
    } else if (op instanceof Op.AttachDisk a) {
      h.attachBlock(a.domain(), a.disk(), ORIGIN);
    } else if (op instanceof Op.DetachDisk dd) {
      h.detachBlock(dd.domain(), Integer.toString(dd.devnum()), false, ORIGIN);
    } else if (op instanceof Op.AttachVif a) {
      h.attachNetwork(a.domain(), a.vif(), ORIGIN);
    } else if (op instanceof Op.DetachVif dv) {
      h.detachNetwork(dv.domain(), Integer.toString(dv.handle()), false, ORIGIN);
    } else if (op instanceof Op.Migrate m) {
      h.migrate(m.domain(), m.target(), true, 0, ORIGIN);
    } else if (op instanceof Op.Annotate a) {
      h.annotate(a.domain(), Boolean.TRUE, a.annotations(), ORIGIN);
    } else if (op instanceof Op.Stop s) {
      return stop(h, s.domain(), timeout);
    }
    return "";
  }

  /** Shuts the guest down cleanly without a restart; destroys it if it is not gone in time. */
  private static String stop(Hypervisor h, String name, Duration timeout) {
    DomainInfo d = h.domain(name);
    String uuid = d.uuid();
    if (d.power() == PowerState.SHUTDOWN || d.power() == PowerState.CRASHED) {
      h.destroy(uuid, ORIGIN);
      return "destroyed (it had already stopped)";
    }
    if (!d.flags().shutdown()) {
      h.shutdown(uuid, ShutdownMode.HALT, ORIGIN);
    }
    boolean gone = h.await(ds -> ds.stream().noneMatch(x -> x.uuid().equals(uuid)), timeout);
    if (gone) {
      return "shut down";
    }
    h.destroy(uuid, ORIGIN);
    return "destroyed after the clean shutdown took longer than " + timeout.toSeconds() + "s";
  }
}
