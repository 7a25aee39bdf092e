package xm.spec;

import java.util.Map;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/** Writes a domain as a spec document (kind: Domain), for {@code xm convert}. */
public final class SpecWriter {
  private SpecWriter() {}

  public static String yaml(DomainConfig c, String host, String comment) {
    StringBuilder b = new StringBuilder();
    if (comment != null) {
      b.append("# ").append(comment).append('\n');
    }
    b.append("apiVersion: ").append(SpecSchema.API_VERSION).append("\nkind: Domain\nmetadata:\n  name: ")
        .append(q(c.name())).append('\n');
    if (host != null) {
      b.append("  host: ").append(q(host)).append('\n');
    }
    b.append("spec:\n");
    if (c.isHvm()) {
      b.append("  builder: hvm\n");
    }
    line(b, "kernel", c.kernel());
    line(b, "ramdisk", c.ramdisk());
    if (!c.cmdline().isEmpty()) {
      line(b, "cmdline", c.cmdline());
    }
    b.append("  memory: ").append(c.memoryMiB()).append("   # MiB\n");
    if (c.maxmemMiB() != c.memoryMiB()) {
      b.append("  maxmem: ").append(c.maxmemMiB()).append('\n');
    }
    b.append("  vcpus: ").append(c.vcpus()).append('\n');
    if (c.maxVcpus() != c.vcpus()) {
      b.append("  maxvcpus: ").append(c.maxVcpus()).append('\n');
    }
    line(b, "cpus", c.cpus());
    action(b, "onPoweroff", c.onPoweroff(), LifecycleAction.DESTROY);
    action(b, "onReboot", c.onReboot(), LifecycleAction.RESTART);
    action(b, "onCrash", c.onCrash(), LifecycleAction.RESTART);
    if (!c.disks().isEmpty()) {
      b.append("  disks:\n");
      for (DiskSpec d : c.disks()) {
        b.append("    - {source: ").append(q(d.uname())).append(", target: ").append(q(d.dev())).append(", mode: ")
            .append(q(d.mode())).append(d.backendDomain() == 0 ? "" : ", backend: " + d.backendDomain()).append("}\n");
      }
    }
    if (!c.vifs().isEmpty()) {
      b.append("  vifs:\n");
      for (VifSpec v : c.vifs()) {
        StringBuilder item = new StringBuilder();
        for (Map.Entry<String, String> e : v.options().entrySet()) {
          item.append(item.length() == 0 ? "" : ", ").append(e.getKey()).append(": ")
              .append(e.getKey().equals("backend") ? e.getValue() : q(e.getValue()));
        }
        b.append("    - {").append(item).append("}\n");
      }
    }
    if (!c.vtpms().isEmpty()) {
      b.append("  vtpms:\n");
      for (VtpmSpec t : c.vtpms()) {
        b.append("    - {instance: ").append(t.instance()).append(", backend: ").append(t.backendDomain()).append("}\n");
      }
    }
    if (c.securityLabel() != null) {
      b.append("  security: {policy: ").append(q(c.securityLabel().policy())).append(", label: ")
          .append(q(c.securityLabel().label())).append("}\n");
    }
    if (!c.extras().isEmpty()) {
      b.append("  extras:\n");
      c.extras().forEach((k, v) -> b.append("    ").append(k).append(": ").append(q(v)).append('\n'));
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value != null) {
      b.append("  ").append(key).append(": ").append(q(value)).append('\n');
    }
  }

  private static void action(StringBuilder b, String key, LifecycleAction a, LifecycleAction dflt) {
    if (a != dflt) {
      b.append("  ").append(key).append(": ").append(a.text()).append('\n');
    }
  }

  /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
