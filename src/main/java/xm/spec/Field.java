package xm.spec;

import java.util.List;

/**
 * One field of a spec object: its YAML name, type, limits and meaning. The same table drives the
 * reader (unknown fields, types, ranges) and the published JSON Schema, so they cannot disagree.
 *
 * @param items for OBJECT: its fields; for LIST: the fields of each item
 */
public record Field(
    String name,
    FieldType type,
    boolean required,
    String description,
    long min,
    long max,
    List<String> allowed,
    List<Field> items) {

  public Field {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
    items = items == null ? List.of() : List.copyOf(items);
  }

  static Field string(String name, String description) {
    return new Field(name, FieldType.STRING, false, description, 0, 0, null, null);
  }

  static Field required(String name, String description) {
    return new Field(name, FieldType.STRING, true, description, 0, 0, null, null);
  }

  static Field integer(String name, long min, long max, String description) {
    return new Field(name, FieldType.INTEGER, false, description, min, max, null, null);
  }

  static Field bool(String name, String description) {
    return new Field(name, FieldType.BOOLEAN, false, description, 0, 0, null, null);
  }

  static Field oneOf(String name, List<String> values, String description) {
    return new Field(name, FieldType.ENUM, false, description, 0, 0, values, null);
  }

  static Field object(String name, boolean required, String description, List<Field> fields) {
    return new Field(name, FieldType.OBJECT, required, description, 0, 0, null, fields);
  }

  static Field list(String name, String description, List<Field> itemFields) {
    return new Field(name, FieldType.LIST, false, description, 0, 0, null, itemFields);
  }

  static Field stringMap(String name, String description) {
    return new Field(name, FieldType.STRING_MAP, false, description, 0, 0, null, null);
  }

  static Field stringList(String name, String description) {
    return new Field(name, FieldType.STRING_LIST, false, description, 0, 0, null, null);
  }
}
