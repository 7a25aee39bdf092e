package xm.plan;

/**
 * @param prune destroy managed domains no spec declares (except those that opted out)
 * @param allowRestart replace domains whose restart-only fields differ (else they stay pending)
 * @param adopt take over unmanaged domains whose names specs declare
 * @param defaultHost the host of specs that name none
 * @param nowMs the time holds are compared with (planning reads no clock)
 */
public record PlanOptions(boolean prune, boolean allowRestart, boolean adopt, String defaultHost, long nowMs) {}
