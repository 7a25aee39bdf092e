package xm.cli;

import xm.diag.XmException;

/** The one exit-code table of the CLI (see README, "Exit codes"). */
public final class ExitCodes {
  /** Success; for diff and apply --dry-run: no drift. */
  public static final int OK = 0;

  /** An error (xm's convention), including bad input and usage errors. */
  public static final int ERROR = 1;

  /** Drift or pending changes (diff, apply --dry-run), like terraform plan -detailed-exitcode. */
  public static final int DRIFT = 2;

  /** The domain named does not exist (as xm did). */
  public static final int NO_SUCH_DOMAIN = 3;

  /** A dry-run whose security check FAILED (as xm did). */
  public static final int DRY_RUN_FAILED = 255;

  private ExitCodes() {}

  static int of(XmException e) {
    return switch (e.kind()) {
      case NO_SUCH_DOMAIN -> NO_SUCH_DOMAIN;
      case ERROR, BAD_INPUT, UNAVAILABLE -> ERROR;
    };
  }
}
