package xm.plan;

import java.util.Map;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.VifSpec;

/** One operation an operator would type; a change is a sequence of them on one host. */
public sealed interface Op {
  String host();

  /** The domain it acts on; empty for host operations. */
  String domain();

  /** xm create (managed, with annotations). */
  record Create(String host, DomainConfig config, boolean paused, Map<String, String> annotations) implements Op {
    @Override
    public String domain() {
      return config.name();
    }
  }

  record MemSet(String host, String domain, long mib) implements Op {}

  record MemMax(String host, String domain, long mib) implements Op {}

  record VcpuSet(String host, String domain, int vcpus) implements Op {}

  record Pause(String host, String domain) implements Op {}

  record Unpause(String host, String domain) implements Op {}

  record AttachDisk(String host, String domain, DiskSpec disk) implements Op {}

  record DetachDisk(String host, String domain, int devnum) implements Op {}

  record AttachVif(String host, String domain, VifSpec vif) implements Op {}

  record DetachVif(String host, String domain, int handle) implements Op {}

  /** Shut the guest down cleanly (without restarting it); destroy it if it takes too long. */
  record Stop(String host, String domain) implements Op {}

  record Migrate(String host, String domain, String target) implements Op {}

  /** Mark managed and set annotations (adopt). */
  record Annotate(String host, String domain, Map<String, String> annotations) implements Op {}

  /** Make a simulated host from a kind: Host document. */
  record CreateHost(String host, xm.spec.HostDoc doc) implements Op {
    @Override
    public String domain() {
      return "";
    }
  }
}
