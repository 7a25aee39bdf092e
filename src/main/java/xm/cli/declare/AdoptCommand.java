package xm.cli.declare;

import java.util.Map;
import xm.cli.UsageException;
import xm.cli.XmCommand;

/** {@code xm adopt <Domain> ...}: let xm's reconciler manage domains made by hand. */
public final class AdoptCommand extends XmCommand {
  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new UsageException("'xm adopt' needs at least one domain");
    }
    for (String d : args) {
      host().annotate(d, Boolean.TRUE, Map.of(), origin);
    }
    return 0;
  }
}
