package xm.spec;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import xm.hypervisor.VifSpec;

/**
 * Reads spec documents from files, directories (recursively, *.yaml and *.yml, in sorted order) and
 * standard input ({@code -}); a file may hold several documents separated by {@code ---}. Every
 * problem in every document is collected and reported together with file:line:column; a spec set
 * with any problem is refused whole, so a bad spec never changes a host.
 */
public final class SpecLoader {
  private SpecLoader() {}

  public static SpecSet load(List<String> sources, Path cwd, InputStream stdin) {
    return load(sources, cwd, stdin, true);
  }

  /**
   * Like {@link #load(List, Path, InputStream)}; with {@code complete} false the sources need not
   * declare the domains their dependsOn names (for reading one file of a larger set).
   */
  public static SpecSet load(List<String> sources, Path cwd, InputStream stdin, boolean complete) {
    return read(sources, cwd, stdin, complete).specs();
  }

  /** The specs of some sources and the texts they were read from. */
  public record Read(List<SpecText> texts, SpecSet specs) {
    public Read {
      texts = List.copyOf(texts);
    }
  }

  /**
   * Like {@link #load(List, Path, InputStream, boolean)}, keeping the text of each source under its
   * display name, so that {@link #parse(List, boolean)} can read exactly these specs again.
   */
  public static Read read(List<String> sources, Path cwd, InputStream stdin, boolean complete) {
    return read(sources, cwd, stdin, complete, SpecLimits.DEFAULT);
  }

  static Read read(
      List<String> sources, Path cwd, InputStream stdin, boolean complete, SpecLimits limits) {
    List<String> problems = new ArrayList<>();
    List<DomainSpec> domains = new ArrayList<>();
    List<HostDoc> hosts = new ArrayList<>();
    List<PolicyDoc> policies = new ArrayList<>();
    List<ResourceLabelDoc> resources = new ArrayList<>();
    if (sources.isEmpty()) {
      throw new SpecError(List.of("no specs given: use -f FILE, -f DIR or -f - (standard input)"));
    }
    // Every source is read (within the limits) before any is parsed: a set too large is refused
    // without spending time on its first files.
    SpecFiles files = new SpecFiles(cwd, stdin, limits, problems);
    List<SpecText> texts = new ArrayList<>();
    for (String src : sources) {
      texts.addAll(files.read(src));
    }
    if (files.full()) {
      throw new SpecError(problems);
    }
    for (SpecText t : texts) {
      readFile(t.name(), t.text(), domains, hosts, policies, resources, problems, limits);
    }
    crossCheck(domains, hosts, problems, complete);
    AccessDocs.crossCheck(domains, policies, resources, problems);
    if (!problems.isEmpty()) {
      throw new SpecError(problems);
    }
    return new Read(texts, new SpecSet(domains, hosts, policies, resources));
  }

  /** Parses texts {@link #read} kept: the same specs, problems and locations as then. */
  public static SpecSet parse(List<SpecText> texts, boolean complete) {
    List<String> problems = new ArrayList<>();
    List<DomainSpec> domains = new ArrayList<>();
    List<HostDoc> hosts = new ArrayList<>();
    List<PolicyDoc> policies = new ArrayList<>();
    List<ResourceLabelDoc> resources = new ArrayList<>();
    for (SpecText t : texts) {
      readFile(
          t.name(), t.text(), domains, hosts, policies, resources, problems, SpecLimits.DEFAULT);
    }
    crossCheck(domains, hosts, problems, complete);
    AccessDocs.crossCheck(domains, policies, resources, problems);
    if (!problems.isEmpty()) {
      throw new SpecError(problems);
    }
    return new SpecSet(domains, hosts, policies, resources);
  }

  /** Parses text that is known to be one source (for tests and tools). */
  public static SpecSet parse(String name, String text) {
    return parse(List.of(new SpecText(name, text)), true);
  }

  private static void readFile(
      String name,
      String text,
      List<DomainSpec> domains,
      List<HostDoc> hosts,
      List<PolicyDoc> policies,
      List<ResourceLabelDoc> resources,
      List<String> allProblems,
      SpecLimits limits) {
    List<String> problems = new ArrayList<>();
    try {
      readDocuments(name, text, domains, hosts, policies, resources, problems, limits);
    } finally {
      problems.sort(java.util.Comparator.comparingLong(SpecLoader::position));
      allProblems.addAll(problems);
    }
  }

  /**
   * line * 2^20 + column of a "file:line:column: ..." problem, so a file's problems read top to
   * bottom.
   */
  private static long position(String problem) {
    String[] parts = problem.split(":", 4);
    try {
      return Long.parseLong(parts[1]) * (1L << 20) + Long.parseLong(parts[2]);
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  /** 1-based line:column of code point {@code position} of {@code text}. */
  private static String lineColumn(String text, int position) {
    int line = 1;
    int column = 1;
    int cp = 0;
    for (int i = 0;
        i < text.length() && cp < position;
        i += Character.charCount(text.codePointAt(i)), cp++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return line + ":" + column;
  }

  private static void readDocuments(
      String name,
      String text,
      List<DomainSpec> domains,
      List<HostDoc> hosts,
      List<PolicyDoc> policies,
      List<ResourceLabelDoc> resources,
      List<String> problems,
      SpecLimits limits) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(name)
            .setAllowDuplicateKeys(true)
            // The whole text in one read: SnakeYAML copies its unread window on every read, and the
            // window is as long as the token being scanned, so with its 1 KiB default a long line
            // cost time quadratic in its length (a 10 MB line: a minute). The text is in memory
            // anyway.
            .setBufferSize(Math.max(1024, text.length() + 1))
            // SpecFiles has bounded the size already, with a message that says what to do.
            .setCodePointLimit(Integer.MAX_VALUE)
            .build();
    Parser parser =
        new DepthBoundParser(
            new ParserImpl(settings, new StreamReader(settings, text)), limits.maxDepth(), name);
    Composer composer = new Composer(settings, parser);
    try {
      while (composer.hasNext()) {
        org.snakeyaml.engine.v2.nodes.Node n = composer.next();
        if (n == null
            || (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                && s.getValue().isEmpty())) {
          continue;
        }
        KeyCheck.check(n, name, problems);
        Object doc = DocumentReader.read(new Node(n, name, problems));
        if (doc instanceof DomainSpec d) {
          domains.add(d);
        } else if (doc instanceof HostDoc h) {
          hosts.add(h);
        } else if (doc instanceof PolicyDoc p) {
          policies.add(p);
        } else if (doc instanceof ResourceLabelDoc r) {
          resources.add(r);
        }
      }
    } catch (DepthBoundParser.TooDeep e) {
      problems.add(
          e.where
              + ": nested more than "
              + e.limit
              + " levels deep; a spec needs about 5"
              + " (is a bracket or an indentation wrong?)");
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(m -> name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse(name);
      problems.add(
          where
              + ": YAML syntax: "
              + e.getProblem().trim()
              + (e.getContext() == null ? "" : " (" + e.getContext().trim() + ")"));
    } catch (org.snakeyaml.engine.v2.exceptions.ReaderException e) {
      // a character YAML does not allow (NUL, other control characters): where it is, which it is
      problems.add(
          name
              + ":"
              + lineColumn(text, e.getPosition())
              + ": YAML does not allow the character U+"
              + String.format("%04X", e.getCodePoint())
              + " (a control character); remove it");
    } catch (YamlEngineException e) {
      problems.add(name + ": YAML syntax: " + e.getMessage());
    }
  }

  private static void crossCheck(
      List<DomainSpec> domains, List<HostDoc> hosts, List<String> problems, boolean complete) {
    Map<String, HostDoc> hostsByName = new HashMap<>();
    Map<String, HostDoc> hostsByUri = new HashMap<>();
    for (HostDoc h : hosts) {
      HostDoc first = hostsByName.putIfAbsent(h.name(), h);
      if (first != null) {
        problems.add(
            h.location()
                + ": host '"
                + h.name()
                + "' is declared twice (first at "
                + first.location()
                + "); keep one kind: Host document per host");
      }
      HostDoc sameUri = h.uri() == null ? null : hostsByUri.putIfAbsent(h.uri(), h);
      if (sameUri != null) {
        problems.add(
            h.location()
                + ": host '"
                + h.name()
                + "' names URI "
                + h.uri()
                + ", which host '"
                + sameUri.name()
                + "' names already (at "
                + sameUri.location()
                + "); one libvirt host has one name");
      }
    }
    Map<String, DomainSpec> byName = new HashMap<>();
    Map<String, String> macs = new HashMap<>();
    for (DomainSpec d : domains) {
      DomainSpec first = byName.putIfAbsent(d.name(), d);
      if (first != null) {
        problems.add(
            d.location()
                + ": domain '"
                + d.name()
                + "' is declared twice (first at "
                + first.location()
                + "); names are unique across all specs");
      }
      for (VifSpec v : d.config().vifs()) {
        String mac = v.option("mac");
        if (mac != null) {
          String other = macs.putIfAbsent(mac, d.name());
          if (other != null) {
            problems.add(
                d.at("vifs")
                    + ": MAC "
                    + mac
                    + " is declared for both "
                    + other
                    + " and "
                    + d.name());
          }
        }
      }
    }
    for (DomainSpec d : domains) {
      for (String dep : d.dependsOn()) {
        if (!byName.containsKey(dep) && complete) {
          problems.add(
              d.at("dependsOn")
                  + ": dependsOn names '"
                  + dep
                  + "', which no spec declares"
                  + Node.suggestion(
                      dep, byName.keySet().stream().map(n -> Field.string(n, "")).toList()));
        } else if (dep.equals(d.name())) {
          problems.add(d.at("dependsOn") + ": a domain cannot depend on itself");
        }
      }
    }
    Set<String> onCycle = Waves.cycle(domains);
    if (!onCycle.isEmpty()) {
      DomainSpec d = byName.get(onCycle.iterator().next());
      problems.add(
          d.at("dependsOn")
              + ": dependsOn forms a cycle: "
              + String.join(" -> ", onCycle)
              + " -> "
              + onCycle.iterator().next()
              + "; remove one of these dependencies");
    }
  }
}
