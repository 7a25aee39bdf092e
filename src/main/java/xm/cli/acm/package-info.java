/**
 * Access control subcommands that work on files only: makepolicy, labels, and labels in domain
 * config files.
 */
package xm.cli.acm;
