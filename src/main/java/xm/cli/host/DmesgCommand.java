package xm.cli.host;

import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.SafeText;

/**
 * {@code xm dmesg [-c]}: the hypervisor's message ring; -c clears it after printing. Control
 * characters are escaped: nothing in the ring reaches the terminal as a sequence.
 */
public final class DmesgCommand extends XmCommand {
  static final Opt CLEAR = Opt.flag("-c", "--clear", "Clear dmesg buffer as well as printing it");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(CLEAR);
  }

  @Override
  public Integer call() {
    boolean clear = has(CLEAR);
    if (!args.isEmpty()) {
      throw new UsageException("No parameter required");
    }
    out().print(SafeText.forTerminal(host().dmesg(clear)));
    return 0;
  }
}
