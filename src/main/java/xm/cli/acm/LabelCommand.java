package xm.cli.acm;

import xm.cli.XmCommand;

/**
 * What addlabel, rmlabel and getlabel share: they take a label kind, {@code dom} (a config file,
 * done here) or {@code res} (the host's resource label store, {@link
 * xm.cli.host.ResourceLabelCommand}).
 */
abstract class LabelCommand extends XmCommand {
  /** Where the kind is among the arguments. */
  abstract int kindAt();

  /** Checks the number of arguments (the same for both kinds). */
  abstract void requireCount();

  /** The {@code dom} form. */
  abstract Integer dom();

  /** A domain config file that holds a label: its path, its text and the label. */
  record Labeled(java.nio.file.Path file, String text, xm.hypervisor.SecurityLabel label) {}

  /**
   * The config file named by argument {@code at}, which must be labeled ({@code 'Domain not
   * labeled'} otherwise).
   */
  Labeled labeled(int at) {
    java.nio.file.Path f = AcmFiles.configFile(env, args.get(at));
    String text = AcmFiles.text(f);
    xm.hypervisor.SecurityLabel l = AcmFiles.label(f, text);
    if (l == null) {
      throw xm.diag.XmException.badInput("'Domain not labeled'");
    }
    return new Labeled(f, text, l);
  }

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
