package xm.controller;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line
 * is a HELP, a TYPE or a sample; metric and label names are valid; label values are quoted with
 * only the three escapes; values are numbers; a metric's samples follow its TYPE; histogram buckets
 * are cumulative and end at +Inf equal to _count.
 */
final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "("
              + NAME
              + ")(\\{("
              + "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
              + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*,?)?\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  private PrometheusText() {}

  static void requireValid(String text) {
    assertTrue(text.endsWith("\n"), "ends with a newline");
    Map<String, String> types = new HashMap<>();
    Map<String, Double> lastBucket = new HashMap<>();
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        continue;
      }
      if ((m = TYPE.matcher(line)).matches()) {
        if (types.put(m.group(1), m.group(2)) != null) {
          fail("line " + n + ": a second TYPE for " + m.group(1));
        }
        continue;
      }
      m = SAMPLE.matcher(line);
      if (!m.matches()) {
        fail("line " + n + " is not Prometheus text format: " + line);
      }
      String name = m.group(1);
      String family =
          types.containsKey(name)
              ? name
              : name.replaceFirst("_(bucket|count|sum|total|created)$", "");
      if (!types.containsKey(family)) {
        fail("line " + n + ": a sample of " + name + " before its TYPE");
      }
      double value =
          Double.parseDouble(m.group(4).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
      if (name.endsWith("_bucket")) {
        String series = line.replaceFirst(",?le=\"[^\"]+\"", "").replaceFirst(" .*", "");
        Double before = lastBucket.put(series, value);
        assertTrue(before == null || before <= value, "line " + n + ": buckets are cumulative");
        Matcher le = LE.matcher(line);
        assertTrue(le.find(), "line " + n + ": a bucket has le");
      }
    }
  }
}
