/**
 * The declarative commands: apply and diff (load specs, observe hosts, plan, apply or report),
 * adopt and override; and their renderings (text, JSON, JUnit, Markdown).
 */
package xm.cli.declare;
