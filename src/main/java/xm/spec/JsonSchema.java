package xm.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft-07, which editors' YAML plugins understand) of xm spec documents,
 * generated from {@link SpecSchema}: the same table the reader checks documents against.
 */
public final class JsonSchema {
  private JsonSchema() {}

  /** The schema as nested maps and lists, ready for a JSON writer. */
  public static Map<String, Object> generate() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$id", "https://xm.invalid/schema/xm-v1.json");
    root.put("title", "xm spec document (apiVersion xm/v1)");
    root.put(
        "description",
        "A Domain or Host declared for xm apply / xm diff. One document per domain; a file may hold several separated by ---.");
    root.put("type", "object");
    root.put("required", List.of("apiVersion", "kind", "metadata"));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "apiVersion",
        ordered(
            "const", SpecSchema.API_VERSION, "description", "Always " + SpecSchema.API_VERSION));
    props.put("kind", ordered("enum", SpecSchema.KINDS));
    props.put("metadata", ordered("type", "object"));
    props.put("spec", ordered("type", "object"));
    root.put("properties", props);
    root.put("additionalProperties", false);
    Map<String, Object> ifHost = ordered("properties", ordered("kind", ordered("const", "Host")));
    Map<String, Object> thenHost =
        ordered(
            "properties",
            ordered(
                "metadata",
                object(SpecSchema.HOST_METADATA),
                "spec",
                object(SpecSchema.HOST_SPEC)));
    Map<String, Object> elseDomain = new LinkedHashMap<>();
    elseDomain.put("required", List.of("spec"));
    elseDomain.put(
        "properties",
        ordered("metadata", object(SpecSchema.METADATA), "spec", object(SpecSchema.DOMAIN_SPEC)));
    Map<String, Object> ifPolicy =
        ordered("properties", ordered("kind", ordered("const", "SecurityPolicy")));
    Map<String, Object> thenPolicy = new LinkedHashMap<>();
    thenPolicy.put("required", List.of("spec"));
    thenPolicy.put(
        "properties",
        ordered(
            "metadata",
            object(SpecSchema.POLICY_METADATA),
            "spec",
            object(SpecSchema.POLICY_SPEC)));
    root.put("if", ifHost);
    root.put("then", thenHost);
    root.put("else", ordered("if", ifPolicy, "then", thenPolicy, "else", elseDomain));
    return root;
  }

  /**
   * A map that keeps the order its pairs are given in (Map.of's order changes between JVM runs).
   */
  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> object(List<Field> fields) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", "object");
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Field f : fields) {
      props.put(f.name(), field(f));
      if (f.required()) {
        required.add(f.name());
      }
    }
    o.put("properties", props);
    if (!required.isEmpty()) {
      o.put("required", required);
    }
    o.put("additionalProperties", false);
    return o;
  }

  private static Map<String, Object> field(Field f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", f.description());
    switch (f.type()) {
      case STRING -> m.put("type", "string");
      case INTEGER -> {
        m.put("type", "integer");
        m.put("minimum", f.min());
        m.put("maximum", f.max());
      }
      case BOOLEAN -> m.put("type", "boolean");
      case ENUM -> m.put("enum", f.allowed());
      case OBJECT -> m.putAll(object(f.items()));
      case LIST -> {
        m.put("type", "array");
        m.put("items", object(f.items()));
      }
      case STRING_MAP -> {
        m.put("type", "object");
        m.put("additionalProperties", ordered("type", "string"));
      }
      case STRING_LIST -> {
        m.put("type", "array");
        m.put("items", ordered("type", "string"));
      }
    }
    return m;
  }
}
