package xm.cli.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import xm.cli.UsageException;
import xm.cli.domain.HoldableCommand;
import xm.hypervisor.VifSpec;

/** {@code xm network-attach <Domain> [key=value ...] [--hold D]}: hot-plugs a network interface. */
public final class NetworkAttachCommand extends HoldableCommand {
  static final Set<String> KEYS =
      Set.of(
          "type", "mac", "bridge", "ip", "script", "backend", "vifname", "rate", "model", "accel");

  @Override
  public Integer call() {
    requireArgs(1, 11);
    Map<String, String> opts = new LinkedHashMap<>();
    for (String a : args.subList(1, args.size())) {
      String[] kv = a.split("=", -1);
      if (kv.length != 2 || kv[1].isEmpty() || !KEYS.contains(kv[0])) {
        throw new UsageException("Invalid argument: " + a);
      }
      opts.put(kv[0], kv[1]);
    }
    if (opts.containsKey("backend") && !opts.get("backend").chars().allMatch(Character::isDigit)) {
      var id = host().domain(opts.get("backend")).id();
      opts.put("backend", id == null ? "-1" : id.toString());
    }
    changeHeld("vifs", () -> host().attachNetwork(args.get(0), new VifSpec(opts), origin));
    return 0;
  }
}
