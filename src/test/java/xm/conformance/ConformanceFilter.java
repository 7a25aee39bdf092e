package xm.conformance;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves the conformance suite ({@link XenConformance} classes) out of the run when {@code
 * $XM_REFERENCE} is not set, so that the tests stand alone in a fresh clone, and says so in one
 * line. Registered through META-INF/services, so every JUnit Platform launcher (Maven's surefire,
 * an IDE) applies it.
 */
public final class ConformanceFilter implements PostDiscoveryFilter {
  static final String NOTICE =
      "Conformance suite not run: "
          + XenReference.VARIABLE
          + " is not set."
          + " To check xm against Xen's reference files, run "
          + XenReference.VARIABLE
          + "=../shared/xen-reference mvn -B verify";

  private static final AtomicBoolean told = new AtomicBoolean();

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (XenReference.requested() || !isConformance(descriptor.getSource().orElse(null))) {
      return FilterResult.included(null);
    }
    if (told.compareAndSet(false, true)) {
      System.out.println(NOTICE);
    }
    return FilterResult.excluded(XenReference.VARIABLE + " is not set");
  }

  private static boolean isConformance(TestSource source) {
    Class<?> c =
        source instanceof ClassSource cs
            ? cs.getJavaClass()
            : source instanceof MethodSource ms ? ms.getJavaClass() : null;
    for (; c != null; c = c.getEnclosingClass()) {
      if (c.isAnnotationPresent(XenConformance.class)) {
        return true;
      }
    }
    return false;
  }
}
