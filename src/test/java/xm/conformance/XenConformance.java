package xm.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the conformance suite: it checks xm against Xen's own reference files
 * ({@link XenReference}), runs only when {@code $XM_REFERENCE} is set ({@link ConformanceFilter}
 * leaves it out otherwise) and fails at once when that names no directory.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("conformance")
@ExtendWith(XenReference.Required.class)
public @interface XenConformance {}
