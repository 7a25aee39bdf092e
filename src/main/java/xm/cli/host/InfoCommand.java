package xm.cli.host;

import java.util.LinkedHashMap;
import java.util.Map;
import xm.cli.Json;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.HostInfo;

/** {@code xm info [-o json]}: the host's fields as {@code name : value} lines. */
public final class InfoCommand extends XmCommand {
  static final Opt OUTPUT = Opt.value("-o", "--output", "<format>", "text (default) or json");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(OUTPUT);
  }

  @Override
  public Integer call() {
    String output = value(OUTPUT, "text");
    requireArgs(0);
    HostInfo info = host().info();
    switch (output) {
      case "text" -> info.fields().forEach((k, v) -> out().println(Text.left(k, 23) + ": " + v));
      case "json" -> {
        Map<String, Object> m = new LinkedHashMap<>();
        info.fields().forEach((k, v) -> m.put(k, numeric(k) ? Long.valueOf(v) : v));
        out().print(Json.write(m));
      }
      default ->
          throw new UsageException("unknown output format '" + output + "' (use text or json)");
    }
    return 0;
  }

  private static boolean numeric(String key) {
    return switch (key) {
      case "nr_cpus",
          "nr_nodes",
          "cores_per_socket",
          "threads_per_core",
          "cpu_mhz",
          "total_memory",
          "free_memory",
          "xen_major",
          "xen_minor",
          "xen_pagesize",
          "xend_config_format" ->
          true;
      default -> false;
    };
  }
}
