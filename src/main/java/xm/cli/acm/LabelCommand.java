package xm.cli.acm;

import xm.cli.XmCommand;

/**
 * What addlabel, rmlabel and getlabel share: they take a label kind, {@code dom} (a config file,
 * done here) or {@code res} (the host's resource label store, {@link xm.cli.host.ResourceLabelCommand}).
 */
abstract class LabelCommand extends XmCommand {
  /** Where the kind is among the arguments. */
  abstract int kindAt();

  /** Checks the number of arguments (the same for both kinds). */
  abstract void requireCount();

  /** The {@code dom} form. */
  abstract Integer dom();

  @Override
  public final Integer call() {
    requireCount();
    String kind = args.get(kindAt());
    if (kind.equals("res")) {
      xm.cli.host.ResourceLabelCommand.run(name, args, env, this::host, out());
      return 0;
    }
    if (!kind.equals("dom")) {
      throw LabelTypes.unsupported(kind);
    }
    return dom();
  }
}
