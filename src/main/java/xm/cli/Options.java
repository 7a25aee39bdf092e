package xm.cli;

import picocli.CommandLine;

/** xm's wording for picocli's option errors. */
final class Options {
  private Options() {}

  static String describe(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      int eq = arg.indexOf('=');
      return "option " + (arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg) + " not recognized";
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec o) {
      return "option " + o.longestName() + " requires argument";
    }
    if (e.getCause() instanceof CommandLine.TypeConversionException || e.getMessage().startsWith("Invalid value")) {
      return "Invalid argument.";
    }
    return e.getMessage();
  }
}
