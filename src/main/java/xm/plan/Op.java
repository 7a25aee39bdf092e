package xm.plan;

import java.util.Map;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.VifSpec;

/**
 * One operation an operator would type; a change is a sequence of them on one host. Operations on a
 * domain that exists carry the uuid the plan observed ({@link #ref}). Each kind says once what it
 * does to host memory ({@link #account}); how it runs is one method of {@link Visitor}, so an
 * executor that implements the visitor handles every kind or does not compile.
 */
public sealed interface Op {
  String host();

  /** The domain it acts on, by name; empty for host operations. */
  String domain();

  /**
   * How the operation names its domain to the host: the uuid observed when the plan was made, for a
   * domain that exists (a name can be taken by another domain by the time it runs, and an all-digit
   * name reads as an id), else the name.
   */
  default String ref() {
    return domain();
  }

  /** Its effect on the memory of the hosts, as capacity admission counts it. */
  void account(Ledger ledger);

  <R> R accept(Visitor<R> visitor);

  /** An operation on a domain that exists: it names the domain to the host by the uuid observed. */
  sealed interface OnDomain extends Op
      permits MemSet,
          MemMax,
          VcpuSet,
          SchedCredit,
          Pause,
          Unpause,
          AttachDisk,
          DetachDisk,
          AttachVif,
          DetachVif,
          Stop,
          Migrate,
          Annotate,
          Start,
          Resume,
          Delete,
          Redefine {
    /** The uuid the plan observed, or null (the name is used then). */
    String uuid();

    @Override
    default String ref() {
      return uuid() != null ? uuid() : domain();
    }
  }

  /** One method per kind of operation. */
  interface Visitor<R> {
    R create(Create op);

    R memSet(MemSet op);

    R memMax(MemMax op);

    R vcpuSet(VcpuSet op);

    R schedCredit(SchedCredit op);

    R pause(Pause op);

    R unpause(Unpause op);

    R attachDisk(AttachDisk op);

    R detachDisk(DetachDisk op);

    R attachVif(AttachVif op);

    R detachVif(DetachVif op);

    R stop(Stop op);

    R migrate(Migrate op);

    R annotate(Annotate op);

    R define(Define op);

    R start(Start op);

    R resume(Resume op);

    R delete(Delete op);

    R redefine(Redefine op);

    R createHost(CreateHost op);

    R loadPolicy(LoadPolicy op);

    R labelResource(LabelResource op);
  }

  /** xm create (managed, with annotations): takes the domain's memory on its host. */
  record Create(String host, DomainConfig config, boolean paused, Map<String, String> annotations)
      implements Op {
    /**
     * Annotations sorted by key, so that an operation always reads the same (saved plans compare
     * them).
     */
    public Create {
      annotations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    @Override
    public String domain() {
      return config.name();
    }

    @Override
    public void account(Ledger l) {
      l.place(domain(), host, config.memoryMiB());
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.create(this);
    }
  }

  /**
   * xm new (managed, with annotations): the host keeps the domain defined without running it; takes
   * no memory until it starts.
   */
  record Define(String host, DomainConfig config, Map<String, String> annotations) implements Op {
    public Define {
      annotations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    @Override
    public String domain() {
      return config.name();
    }

    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.define(this);
    }
  }

  /** xm start [-p]: boots a halted defined domain, which then takes its memory ({@code mib}). */
  record Start(String host, String domain, String uuid, boolean paused, long mib)
      implements OnDomain {
    @Override
    public void account(Ledger l) {
      l.place(domain, host, mib);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.start(this);
    }
  }

  /**
   * xm resume [-p]: runs a suspended domain again from its checkpoint, taking its memory ({@code
   * mib}).
   */
  record Resume(String host, String domain, String uuid, boolean paused, long mib)
      implements OnDomain {
    @Override
    public void account(Ledger l) {
      l.place(domain, host, mib);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.resume(this);
    }
  }

  /**
   * xm delete + xm new as one step: a halted definition made anew from {@code config} under the
   * same uuid (no memory either way).
   */
  record Redefine(
      String host, String domain, String uuid, DomainConfig config, Map<String, String> annotations)
      implements OnDomain {
    public Redefine {
      annotations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.redefine(this);
    }
  }

  /** xm delete: the host forgets a halted definition (it held no memory). */
  record Delete(String host, String domain, String uuid) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.delete(this);
    }
  }

  /** xm sched-credit -d DOMAIN -w WEIGHT -c CAP: the credit scheduler's weight and cap, live. */
  record SchedCredit(String host, String domain, String uuid, int weight, int cap)
      implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.schedCredit(this);
    }
  }

  /** xm mem-set: the balloon moves to {@code mib}, taking or giving back the difference. */
  record MemSet(String host, String domain, String uuid, long mib) implements OnDomain {
    @Override
    public void account(Ledger l) {
      l.resize(host, domain, mib);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.memSet(this);
    }
  }

  /** xm mem-max: only the ceiling moves; no memory is taken. */
  record MemMax(String host, String domain, String uuid, long mib) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.memMax(this);
    }
  }

  record VcpuSet(String host, String domain, String uuid, int vcpus) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.vcpuSet(this);
    }
  }

  /** A paused domain keeps its memory. */
  record Pause(String host, String domain, String uuid) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.pause(this);
    }
  }

  record Unpause(String host, String domain, String uuid) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.unpause(this);
    }
  }

  record AttachDisk(String host, String domain, String uuid, DiskSpec disk) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.attachDisk(this);
    }
  }

  record DetachDisk(String host, String domain, String uuid, int devnum) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.detachDisk(this);
    }
  }

  record AttachVif(String host, String domain, String uuid, VifSpec vif) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.attachVif(this);
    }
  }

  record DetachVif(String host, String domain, String uuid, int handle) implements OnDomain {
    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.detachVif(this);
    }
  }

  /**
   * Shut the guest down cleanly (without restarting it); destroy it if it takes too long. Gives its
   * memory back.
   */
  record Stop(String host, String domain, String uuid) implements OnDomain {
    @Override
    public void account(Ledger l) {
      l.remove(host, domain);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.stop(this);
    }
  }

  /** Live migration: the target holds a copy before the source lets go. */
  record Migrate(String host, String domain, String uuid, String target) implements OnDomain {
    @Override
    public void account(Ledger l) {
      l.move(host, domain, target);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.migrate(this);
    }
  }

  /** Mark managed and set annotations (adopt). */
  record Annotate(String host, String domain, String uuid, Map<String, String> annotations)
      implements OnDomain {
    /**
     * A null value removes that annotation; sorted by key, so the operation always reads the same.
     */
    public Annotate {
      annotations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.annotate(this);
    }
  }

  /**
   * Make a simulated host from a kind: Host document. Its capacity is already in the plan's
   * observations (as the backend says such a host would be), so it takes nothing.
   */
  record CreateHost(String host, HostTemplate template) implements Op {
    @Override
    public String domain() {
      return "";
    }

    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.createHost(this);
    }
  }

  /** xm loadpolicy: makes {@code policy} the host's active policy. */
  record LoadPolicy(String host, xm.acm.SecurityPolicy policy) implements Op {
    @Override
    public String domain() {
      return "";
    }

    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.loadPolicy(this);
    }
  }

  /**
   * xm addlabel LABEL res RESOURCE POLICY: the resource (canonical) holds the label, through {@code
   * host}.
   */
  record LabelResource(String host, String resource, String policy, String label) implements Op {
    @Override
    public String domain() {
      return "";
    }

    @Override
    public void account(Ledger l) {}

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.labelResource(this);
    }
  }
}
