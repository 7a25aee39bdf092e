package xm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line parsing as xm did it with Python's {@code getopt.gnu_getopt}: options may come
 * anywhere among the arguments, {@code --} ends them, short flags cluster ({@code -wa}), a short
 * option takes its argument attached or next ({@code -r100}, {@code -r 100}), a long one after
 * {@code =} or next, and a unique prefix of a long option is accepted. Errors use getopt's words.
 * No reflection: it runs on every command, so it is kept small.
 */
final class Getopt {
  private Getopt() {}

  /** What was parsed: option values by option (flags map to "") and the positional arguments. */
  record Result(Map<Opt, List<String>> values, List<String> positional) {}

  static Result parse(List<Opt> options, String[] args) {
    Map<Opt, List<String>> values = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        for (int j = i + 1; j < args.length; j++) {
          positional.add(args[j]);
        }
        break;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        Opt o = longOption(options, name);
        if (o.takesArgument()) {
          String v;
          if (eq >= 0) {
            v = a.substring(eq + 1);
          } else if (i + 1 < args.length) {
            v = args[++i];
          } else {
            throw new UsageException("option " + o.longName() + " requires argument");
          }
          add(values, o, v);
        } else {
          if (eq >= 0) {
            throw new UsageException("option " + o.longName() + " must not have an argument");
          }
          add(values, o, "");
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int k = 1; k < a.length(); k++) {
          String name = "-" + a.charAt(k);
          Opt o = shortOption(options, name);
          if (o.takesArgument()) {
            if (k + 1 < a.length()) {
              add(values, o, a.substring(k + 1));
            } else if (i + 1 < args.length) {
              add(values, o, args[++i]);
            } else {
              throw new UsageException("option " + name + " requires argument");
            }
            break;
          }
          add(values, o, "");
        }
      } else {
        positional.add(a);
      }
    }
    return new Result(values, positional);
  }

  private static void add(Map<Opt, List<String>> values, Opt o, String v) {
    values.computeIfAbsent(o, x -> new ArrayList<>(1)).add(v);
  }

  private static Opt shortOption(List<Opt> options, String name) {
    for (Opt o : options) {
      if (name.equals(o.shortName())) {
        return o;
      }
    }
    throw new UsageException("option " + name + " not recognized");
  }

  private static Opt longOption(List<Opt> options, String name) {
    Opt prefixMatch = null;
    int matches = 0;
    for (Opt o : options) {
      if (o.longName() == null) {
        continue;
      }
      if (o.longName().equals(name)) {
        return o;
      }
      if (o.longName().startsWith(name)) {
        prefixMatch = o;
        matches++;
      }
    }
    if (matches == 1) {
      return prefixMatch;
    }
    if (matches > 1) {
      throw new UsageException("option " + name + " not a unique prefix");
    }
    throw new UsageException("option " + name + " not recognized");
  }
}
