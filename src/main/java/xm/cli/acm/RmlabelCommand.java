package xm.cli.acm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import xm.diag.XmException;

/**
 * {@code xm rmlabel dom <configfile>}: removes the {@code access_control} assignment (all its
 * lines, when its list spans several) from the config file; nothing else changes.
 */
public final class RmlabelCommand extends LabelCommand {
  private static final Pattern ASSIGN = Pattern.compile("^\\s*access_control\\s*=.*");

  @Override
  int kindAt() {
    return 0;
  }

  @Override
  void requireCount() {
    requireArgs(2);
  }

  @Override
  Integer dom() {
    Labeled labeled = labeled(1);
    Path f = labeled.file();
    String text = labeled.text();
    List<String> kept = new ArrayList<>();
    String[] lines = text.split("(?<=\n)", -1);
    int depth = 0;
    boolean removing = false;
    for (String line : lines) {
      if (!removing && ASSIGN.matcher(line.stripTrailing()).matches()) {
        removing = true;
        depth = 0;
      }
      if (removing) {
        depth += depth(line);
        if (depth <= 0 && !line.stripTrailing().endsWith("\\")) {
          removing = false;
        }
        continue;
      }
      kept.add(line);
    }
    String out = String.join("", kept);
    if (AcmFiles.label(f, out) != null) {
      throw XmException.badInput(
          args.get(1)
              + ": access_control is set in a way rmlabel cannot remove (not a plain assignment); edit the file");
    }
    AcmFiles.rewrite(f, out);
    return 0;
  }

  /** Brackets opened minus closed on a line, outside quotes and comments. */
  private static int depth(String line) {
    int d = 0;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#') {
        break;
      } else if (c == '[' || c == '(' || c == '{') {
        d++;
      } else if (c == ']' || c == ')' || c == '}') {
        d--;
      }
    }
    return d;
  }
}
