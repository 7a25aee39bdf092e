package xm.spec;

/** The kinds of value a spec field holds. */
public enum FieldType {
  STRING,
  INTEGER,
  BOOLEAN,
  ENUM,
  OBJECT,
  LIST,
  STRING_MAP,
  STRING_LIST
}
