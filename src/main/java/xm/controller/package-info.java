/**
 * The reconciliation loop ({@code xm controller run}): a Quartz scheduler runs one job per host
 * (never two at once for one host) that reconciles that host's share of the specs through the
 * engine, a feed job that follows a directory or a git repository and triggers every host at once
 * on a new revision, exponential backoff with jitter per host, a status file and HTTP endpoints
 * (health, readiness, Prometheus metrics, status JSON).
 */
package xm.controller;
