package xm.hypervisor;

/** An ACM security label: a label name defined by a policy. Printed as {@code ACM:policy:label}. */
public record SecurityLabel(String policy, String label) {
  @Override
  public String toString() {
    return "ACM:" + policy + ":" + label;
  }
}
