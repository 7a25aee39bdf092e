package xm.cli.acm;

import xm.cli.UsageException;

/** The label kinds addlabel, rmlabel and getlabel take. */
final class LabelTypes {
  private LabelTypes() {}

  static RuntimeException unsupported(String type) {
    return new UsageException(
        "Invalid label type '"
            + type
            + "': use 'dom' (a domain config file) or 'res' (a resource).");
  }
}
