package xm.cli.acm;

import xm.cli.UsageException;
import xm.diag.XmException;

/** The label kinds addlabel, rmlabel and getlabel take. */
final class LabelTypes {
  private LabelTypes() {}

  static RuntimeException unsupported(String type) {
    if (type.equals("res")) {
      return XmException.badInput("Resource labels ('res') are not supported yet; only 'dom' config files can be labeled");
    }
    return new UsageException("Invalid label type '" + type + "': use 'dom' (a domain config file) or 'res' (a resource).");
  }
}
