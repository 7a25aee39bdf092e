package xm.reconcile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import xm.diag.XmException;

/**
 * Writes and reads a {@link SavedPlan} as JSON with Jackson. Only {@code xm diff --save-plan} and
 * {@code xm apply --plan} come here, so no other command loads Jackson. Reading is strict: unknown,
 * missing or null fields, a value of the wrong type and anything after the document are errors;
 * every error is one line naming the file (with line:column when the parser knows them) and nothing
 * else happens.
 */
public final class PlanFile {
  private static final JsonMapper MAPPER = mapper();

  private PlanFile() {}

  private static JsonMapper mapper() {
    JsonMapper m =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPrettyPrinter(printer())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // a hand-edited "revision": "12" or "prune": 0 is an error, not a guess
    m.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return m;
  }

  /**
   * Laid out as xm's other JSON: two spaces, {@code "key": value}, one array item a line, {@code
   * []}.
   */
  private static DefaultPrettyPrinter printer() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayEmptySeparator("")
            .withObjectEmptySeparator("");
    DefaultPrettyPrinter p = new DefaultPrettyPrinter(separators);
    p.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    p.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    return p;
  }

  /**
   * Writes {@code plan} to {@code file} atomically: a temporary file in the same directory, flushed
   * to disk, then renamed over {@code file}; a failure leaves {@code file} as it was.
   */
  public static void write(Path file, String display, SavedPlan plan) {
    try {
      byte[] bytes = (MAPPER.writeValueAsString(plan) + "\n").getBytes(StandardCharsets.UTF_8);
      Path target = file.toAbsolutePath();
      Files.createDirectories(target.getParent());
      xm.files.AtomicFiles.replace(target, bytes);
    } catch (IOException e) {
      throw XmException.error("cannot write plan file " + display + ": " + reason(e));
    }
  }

  /**
   * Reads the plan {@link #write} wrote to {@code file} ({@code display} is how the user named it).
   */
  /**
   * The largest plan file read: its spec texts are bounded by what a spec set may reasonably be.
   */
  static final long MAX_BYTES = 64L << 20;

  public static SavedPlan read(Path file, String display) {
    String text;
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw XmException.badInput("cannot read plan file " + display + ": not a regular file");
      }
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        throw XmException.badInput(
            "cannot read plan file "
                + display
                + ": larger than "
                + (MAX_BYTES >> 20)
                + " MiB, so not one xm diff --save-plan wrote");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw XmException.badInput("cannot read plan file " + display + ": no such file");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw XmException.badInput("cannot read plan file " + display + ": " + reason(e));
    }
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode()) {
        throw XmException.badInput(
            display + ": not a saved plan: the file is empty; make it with xm diff --save-plan");
      }
      JsonNode format = tree.get("format");
      if (!tree.isObject() || format == null) {
        throw XmException.badInput(
            display + ": not a saved plan (no \"format\" field); make it with xm diff --save-plan");
      }
      if (!format.isIntegralNumber()) {
        throw XmException.badInput(
            display
                + ": \"format\" is "
                + format
                + ", not a format number; make it again with"
                + " xm diff --save-plan");
      }
      if (format.asLong() != SavedPlan.FORMAT) {
        throw XmException.badInput(
            display
                + ": saved-plan format "
                + format
                + " is not one this xm reads (it reads "
                + SavedPlan.FORMAT
                + "); make it again with xm diff --save-plan");
      }
      return MAPPER.readValue(text, SavedPlan.class);
    } catch (JacksonException e) {
      throw XmException.badInput(
          where(display, e.getLocation())
              + ": "
              + problem(e)
              + "; make it again with xm diff --save-plan");
    }
  }

  /**
   * Whether two plan documents ({@link PlanJson}) are the same JSON: the same members with the same
   * values, whatever the order of members or the Java types of numbers.
   */
  static boolean sameJson(Map<String, Object> a, Map<String, Object> b) {
    JsonNode x = MAPPER.valueToTree(a);
    JsonNode y = MAPPER.valueToTree(b);
    Comparator<JsonNode> values =
        (p, q) ->
            p.equals(q)
                    || (p.isNumber()
                        && q.isNumber()
                        && p.decimalValue().compareTo(q.decimalValue()) == 0)
                ? 0
                : 1;
    return x.equals(values, y);
  }

  private static String where(String display, JsonLocation at) {
    if (at == null || at.getLineNr() <= 0) {
      return display;
    }
    return display + ":" + at.getLineNr() + ":" + at.getColumnNr();
  }

  /** What went wrong, on one line, in the file's terms (its field names, not Java's). */
  private static String problem(JacksonException e) {
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
      return "nested deeper or larger than a saved plan ever is, so not one xm diff --save-plan wrote";
    }
    if (e instanceof JsonEOFException) {
      return "the file ends too early (truncated?): " + firstLine(e);
    }
    if (e instanceof StreamReadException) {
      return "not JSON: " + firstLine(e);
    }
    String path = e instanceof JsonMappingException m ? path(m) : "";
    String what = path.isEmpty() ? "the plan" : path;
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field " + (path.isEmpty() ? "'" + u.getPropertyName() + "'" : path);
    }
    if (e instanceof ValueInstantiationException
        && e.getCause() != null
        && e.getCause().getMessage() != null) {
      return what + ": " + e.getCause().getMessage();
    }
    if (e instanceof MismatchedInputException m) {
      String original = firstLine(e);
      if (original.startsWith("Trailing token")) {
        return "more JSON after the end of the plan";
      }
      if (original.startsWith("Missing creator property")) {
        return "missing field " + what;
      }
      if (original.startsWith("Null value for creator property")
          || original.contains("null") && original.contains("primitive")) {
        return what + " must not be null";
      }
      if (m.getTargetType() != null) {
        return what + ": expected " + kind(m.getTargetType());
      }
    }
    return (path.isEmpty() ? "" : path + ": ") + firstLine(e);
  }

  /** "hosts.localhost.revision", "specs[2].text": where binding failed, in the file's names. */
  private static String path(JsonMappingException m) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String kind(Class<?> type) {
    if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static String firstLine(JacksonException e) {
    String message =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int nl = message.indexOf('\n');
    String line = (nl >= 0 ? message.substring(0, nl) : message).trim();
    // Jackson names where an unclosed object began by its own source description; the error's
    // line:column already says where the file ends.
    int marker = line.indexOf(" (start marker at [Source:");
    return marker >= 0 ? line.substring(0, marker) : line;
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or directory: " + n.getFile();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
