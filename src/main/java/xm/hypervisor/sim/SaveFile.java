package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import xm.diag.XmException;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * The file {@code xm save} writes and {@code xm restore} reads: a header line {@code xm-save 1
 * <host>} followed by the domain as an S-expression (config, devices, memory, VCPU state, CPU
 * time). Written atomically, so a save interrupted half-way leaves no file.
 */
final class SaveFile {
  static final String MAGIC = "xm-save 1";

  private SaveFile() {}

  static void write(Path file, SimDomain d, String host) {
    String text = MAGIC + " " + host + "\n" + SxpPrinter.exact(StateCodec.domainToSxp(d));
    try {
      StateStore.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (XmException e) {
      throw XmException.error("can't write guest state file " + file + ": " + e.getMessage());
    }
  }

  /**
   * The most a save file may hold. A domain's config is at most DomainLimits.MAX_CONFIG_BYTES of
   * text and its annotations a few MiB more; quoting can make text up to four times longer.
   */
  static final int MAX_BYTES = 16 << 20;

  /**
   * The domain {@code file} holds; a file that is not regular, or too large, is refused before it
   * is read.
   */
  static SimDomain read(Path file) {
    String text = readBounded(file);
    int nl = text.indexOf('\n');
    String header = nl < 0 ? text : text.substring(0, nl);
    if (!header.startsWith(MAGIC)) {
      throw XmException.badInput(
          file + " is not a domain save file: it does not start with '" + MAGIC + "'");
    }
    String body = text.substring(nl + 1);
    Sxp sxp = SxpParser.parseOne(file.toString(), "\n" + body);
    if (!(sxp instanceof Sxp.SList l)) {
      throw XmException.badInput(file + " is not a domain save file");
    }
    SimDomain d = StateCodec.domainFromSxp(l, file.toString());
    d.runningSinceMs = -1;
    return d;
  }

  private static String readBounded(Path file) {
    if (!Files.isRegularFile(file)) {
      throw XmException.badInput(
          "xm restore: " + file.toAbsolutePath() + " is not a regular file (a save file is one)");
    }
    byte[] bytes;
    try {
      bytes = xm.files.BoundedReads.read(file, MAX_BYTES);
    } catch (xm.files.BoundedReads.TooLarge e) {
      throw XmException.badInput(
          "xm restore: " + e.getMessage() + "; it is not a domain save file");
    } catch (IOException e) {
      throw XmException.error(
          "xm restore: Unable to read file " + file.toAbsolutePath() + ": " + StateStore.reason(e));
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw XmException.badInput(file + " is not a domain save file (it is not text)");
    }
  }
}
