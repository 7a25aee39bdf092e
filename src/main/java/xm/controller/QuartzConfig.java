package xm.controller;

import java.util.Properties;

/**
 * Quartz's settings for the controller: the RAM job store in one process (the default: no
 * database), or, with {@code --cluster jdbc:postgresql://...}, Quartz's clustered JDBC job store on
 * PostgreSQL, whose row locks keep each host's job on one instance at a time and hand the jobs of
 * an instance that stopped checking in to the others.
 */
final class QuartzConfig {
  /** How often a clustered instance checks in; an instance silent for longer is taken over. */
  static final long CHECKIN_MS = 5_000;

  private QuartzConfig() {}

  static Properties properties(Controller.Options o) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "xm-controller");
    p.setProperty("org.quartz.scheduler.instanceId", o.instance());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(o.threads()));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "xm-pass");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    if (o.cluster() == null) {
      p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      return p;
    }
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.tablePrefix", "xm_qrtz_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECKIN_MS));
    p.setProperty("org.quartz.jobStore.dataSource", "xm");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.dataSource.xm.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.xm.driver", "org.postgresql.Driver");
    p.setProperty("org.quartz.dataSource.xm.URL", o.cluster());
    p.setProperty("org.quartz.dataSource.xm.maxConnections", Integer.toString(o.threads() + 3));
    return p;
  }
}
