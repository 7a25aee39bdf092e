package xm.acm;

/**
 * A policy by name and version: what an update names as the policy it updates ({@code FromPolicy}).
 */
public record PolicyRef(String name, String version) {
  @Override
  public String toString() {
    return name + " " + version;
  }
}
