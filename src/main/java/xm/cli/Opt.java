package xm.cli;

/**
 * One option of a subcommand: its short and long names, the label of its argument (null for a flag)
 * and a one-line description. Declared as constants in each command class; the same table drives
 * parsing ({@link Getopt}), help ({@link Help}) and the completion script.
 */
public record Opt(String shortName, String longName, String argLabel, String description) {

  public static Opt flag(String shortName, String longName, String description) {
    return new Opt(shortName, longName, null, description);
  }

  public static Opt value(String shortName, String longName, String argLabel, String description) {
    return new Opt(shortName, longName, argLabel, description);
  }

  public boolean takesArgument() {
    return argLabel != null;
  }

  /** "-l, --long" or "--state <state>", as help shows it. */
  public String display() {
    String names =
        shortName == null ? longName : longName == null ? shortName : shortName + ", " + longName;
    return argLabel == null ? names : names + " " + argLabel;
  }
}
