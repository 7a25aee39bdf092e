package xm.controller;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import xm.diag.SafeText;
import xm.diag.XmException;

/**
 * Makes Quartz's tables for the clustered job store in PostgreSQL, idempotently: Quartz's own
 * schema ({@code tables_postgres.sql} in its jar), its DROPs left out, each CREATE made {@code IF
 * NOT EXISTS}, the tables prefixed {@code xm_qrtz_}; under a transaction-scoped advisory lock, so
 * instances that start together do not race.
 */
public final class ClusterSchema {
  private static final long ADVISORY_KEY = 0x786d5f71727a7400L; // "xm_qrtz"

  private ClusterSchema() {}

  public static void ensure(String url) {
    List<String> statements = statements();
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_KEY + ")");
        for (String sql : statements) {
          s.execute(sql);
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw XmException.error(
          "controller: the cluster database "
              + redact(url)
              + " cannot be used: "
              + SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** Quartz's PostgreSQL schema as idempotent statements with xm's table prefix. */
  static List<String> statements() {
    String sql;
    try (InputStream in =
        org.quartz.impl.jdbcjobstore.JobStoreTX.class.getResourceAsStream(
            "/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
      if (in == null) {
        throw new IllegalStateException("Quartz's tables_postgres.sql is not in its jar");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder noComments = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        noComments.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String st : noComments.toString().split(";")) {
      String t = st.strip();
      String upper = t.toUpperCase(Locale.ROOT);
      if (t.isEmpty() || upper.startsWith("DROP") || upper.startsWith("COMMIT")) {
        continue;
      }
      t =
          t.replaceAll("(?i)\\bQRTZ_", "xm_qrtz_")
              .replaceAll("(?i)\\bIDX_xm_qrtz_", "xm_idx_qrtz_");
      t =
          t.replaceFirst("(?i)^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
              .replaceFirst("(?i)^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ");
      out.add(t);
    }
    return out;
  }

  /** The URL without its password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
