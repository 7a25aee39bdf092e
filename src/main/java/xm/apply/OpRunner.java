package xm.apply;

import java.time.Duration;
import xm.diag.XmException;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.PowerState;
import xm.hypervisor.ShutdownMode;
import xm.plan.Op;

/**
 * Runs operations against their hosts with the same calls an operator's xm commands make. One
 * method per kind of operation: a new kind does not compile until it is handled here. Each returns
 * a short note of what happened (or "").
 */
final class OpRunner implements Op.Visitor<String> {
  private final HostFactory hosts;
  private final Duration timeout;
  private final String origin;

  OpRunner(HostFactory hosts, Duration timeout, String origin) {
    this.hosts = hosts;
    this.timeout = timeout;
    this.origin = origin;
  }

  String run(Op op) {
    return op.accept(this);
  }

  private Hypervisor on(Op op) {
    return hosts.open(op.host());
  }

  @Override
  public String createHost(Op.CreateHost op) {
    hosts.create(op.template(), origin);
    return "host made";
  }

  @Override
  public String loadPolicy(Op.LoadPolicy op) {
    on(op).loadPolicy(op.policy(), origin);
    return "policy " + op.policy().name() + " active";
  }

  @Override
  public String labelResource(Op.LabelResource op) {
    on(op).labelResource(op.resource(), op.policy(), op.label(), origin);
    return "";
  }

  @Override
  public String create(Op.Create op) {
    DomainInfo d =
        on(op).create(op.config(), new CreateOptions(op.paused(), true, op.annotations()), origin);
    return "created as id " + d.id();
  }

  @Override
  public String memSet(Op.MemSet op) {
    on(op).setMemory(op.ref(), op.mib(), origin);
    return "";
  }

  @Override
  public String memMax(Op.MemMax op) {
    on(op).setMaxMemory(op.ref(), op.mib(), origin);
    return "";
  }

  @Override
  public String schedCredit(Op.SchedCredit op) {
    on(op).schedCredit(op.ref(), op.weight(), op.cap(), origin);
    return "";
  }

  @Override
  public String vcpuSet(Op.VcpuSet op) {
    on(op).setVcpus(op.ref(), op.vcpus(), origin);
    return "";
  }

  @Override
  public String pause(Op.Pause op) {
    on(op).pause(op.ref(), origin);
    return "";
  }

  @Override
  public String unpause(Op.Unpause op) {
    on(op).unpause(op.ref(), origin);
    return "";
  }

  @Override
  public String attachDisk(Op.AttachDisk op) {
    on(op).attachBlock(op.ref(), op.disk(), origin);
    return "";
  }

  @Override
  public String detachDisk(Op.DetachDisk op) {
    on(op).detachBlock(op.ref(), Integer.toString(op.devnum()), false, origin);
    return "";
  }

  @Override
  public String attachVif(Op.AttachVif op) {
    on(op).attachNetwork(op.ref(), op.vif(), origin);
    return "";
  }

  @Override
  public String detachVif(Op.DetachVif op) {
    on(op).detachNetwork(op.ref(), Integer.toString(op.handle()), false, origin);
    return "";
  }

  @Override
  public String migrate(Op.Migrate op) {
    on(op).migrate(op.ref(), op.target(), true, 0, origin);
    return "migrated to " + op.target();
  }

  @Override
  public String define(Op.Define op) {
    on(op)
        .define(
            op.config(), new xm.hypervisor.CreateOptions(false, true, op.annotations()), origin);
    return "defined, not started";
  }

  @Override
  public String start(Op.Start op) {
    DomainInfo d = on(op).start(op.ref(), op.paused(), origin);
    return "started as id " + d.id() + (op.paused() ? ", paused" : "");
  }

  @Override
  public String resume(Op.Resume op) {
    DomainInfo d = on(op).resume(op.ref(), op.paused(), origin);
    return "resumed as id " + d.id() + (op.paused() ? ", paused" : "");
  }

  @Override
  public String redefine(Op.Redefine op) {
    on(op)
        .redefine(
            op.ref(),
            op.config(),
            new xm.hypervisor.CreateOptions(false, true, op.annotations()),
            origin);
    return "defined anew";
  }

  @Override
  public String delete(Op.Delete op) {
    try {
      on(op).delete(op.ref(), origin);
    } catch (XmException e) {
      if (e.kind() == XmException.Kind.NO_SUCH_DOMAIN) {
        return "already gone";
      }
      throw e;
    }
    return "deleted";
  }

  @Override
  public String annotate(Op.Annotate op) {
    on(op).annotate(op.ref(), Boolean.TRUE, op.annotations(), origin);
    return "";
  }

  /**
   * Shuts the guest down cleanly without a restart; destroys it if it is not gone in time. A domain
   * that is already gone (a shutdown asked for by an earlier, interrupted apply finished meanwhile)
   * is what a stop wants: it succeeds.
   */
  @Override
  public String stop(Op.Stop op) {
    Hypervisor h = on(op);
    DomainInfo d;
    try {
      d = h.domain(op.ref());
    } catch (XmException e) {
      if (e.kind() == XmException.Kind.NO_SUCH_DOMAIN) {
        return "already gone";
      }
      throw e;
    }
    String uuid = d.uuid();
    if (d.isInactive()) {
      return "already stopped (defined, " + d.power().name().toLowerCase() + ")";
    }
    if (d.power() == PowerState.SHUTDOWN || d.power() == PowerState.CRASHED) {
      return destroy(h, uuid, "destroyed (it had already stopped)");
    }
    if (!d.flags().shutdown()) {
      h.shutdown(uuid, ShutdownMode.HALT, origin);
    }
    // gone, or (a domain the host keeps defined) no longer running
    boolean gone =
        h.await(
            ds -> ds.stream().noneMatch(x -> x.uuid().equals(uuid) && !x.isInactive()), timeout);
    if (gone) {
      return "shut down";
    }
    return destroy(
        h,
        uuid,
        "destroyed after the clean shutdown took longer than " + timeout.toSeconds() + "s");
  }

  private String destroy(Hypervisor h, String uuid, String note) {
    try {
      h.destroy(uuid, origin);
      return note;
    } catch (XmException e) {
      if (e.kind() == XmException.Kind.NO_SUCH_DOMAIN) {
        return "shut down";
      }
      throw e;
    }
  }
}
