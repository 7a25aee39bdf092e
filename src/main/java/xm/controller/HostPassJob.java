package xm.controller;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;

/**
 * Quartz's job for one host: one pass. Never runs twice at once for one host (nor across
 * instances).
 */
@DisallowConcurrentExecution
public final class HostPassJob implements Job {
  static final String HOST = "host";
  static final String REVISION = "revision";

  @Override
  public void execute(JobExecutionContext context) {
    Controller c;
    try {
      c = (Controller) context.getScheduler().getContext().get(Controller.CONTEXT_KEY);
    } catch (SchedulerException e) {
      return;
    }
    if (c == null || c.stopping()) {
      return;
    }
    c.catchUp(context.getMergedJobDataMap().getString(REVISION));
    c.pass(context.getMergedJobDataMap().getString(HOST));
  }
}
