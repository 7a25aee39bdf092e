package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.diag.XmException;

/**
 * The host's active access-control policy, kept under the host's directory: a copy of the policy
 * XML ({@code acm-<name>.xml}, as {@link PolicyXml#write} writes it) and a one-line record {@code
 * acm-active} ({@code policy <name>}) naming it. Both are written atomically, the XML first: the
 * record is what makes a policy active. No record: no active policy (a host starts without ACM).
 * Read back through {@link PolicyXml#read}, so a damaged copy is a located error.
 */
final class AcmFiles {
  static final String RECORD = "acm-active";
  private static final int MAX_RECORD_BYTES = 4096;

  private AcmFiles() {}

  static Optional<SecurityPolicy> active(StateStore store) {
    Path record = store.file(RECORD);
    String text;
    try {
      if (Files.size(record) > MAX_RECORD_BYTES) {
        throw XmException.error(record + ": the active-policy record is damaged (larger than " + MAX_RECORD_BYTES
            + " bytes); load a policy again with 'xm loadpolicy POLICY'");
      }
      text = Files.readString(record, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw StateStore.unavailable("cannot read " + record + ": " + StateStore.reason(e));
    }
    if (!text.startsWith("policy ")) {
      throw XmException.error(record + ":1: the active-policy record is damaged (expected 'policy NAME'); load a policy"
          + " again with 'xm loadpolicy POLICY'");
    }
    String name = text.substring("policy ".length()).strip();
    try {
      PolicyPaths.checkName(name);
    } catch (XmException e) {
      throw XmException.error(record + ":1: the active-policy record is damaged: " + e.getMessage());
    }
    SecurityPolicy p = PolicyXml.read(store.file(xmlName(name)));
    if (!p.name().equals(name)) {
      throw XmException.error(store.file(xmlName(name)) + ": the active policy copy names policy " + p.name() + ", not "
          + name + "; load a policy again with 'xm loadpolicy POLICY'");
    }
    return Optional.of(p);
  }

  static void activate(StateStore store, SecurityPolicy p) {
    store.writeAtomically(xmlName(p.name()), PolicyXml.write(p));
    store.writeAtomically(RECORD, "policy " + p.name() + "\n");
  }

  static String xmlName(String policy) {
    return "acm-" + PolicyPaths.checkName(policy) + ".xml";
  }
}
