/**
 * The xm command line: {@link xm.cli.Main} (global options, subcommand lookup by name, alias or
 * unique prefix, error and exit-code mapping), {@link xm.cli.CommandTable} (every subcommand, its
 * help line, and a switch that loads only the one invoked), {@link xm.cli.Getopt} (getopt-style
 * parsing driven by each command's {@link xm.cli.Opt} table), {@link xm.cli.ExitCodes} (the one
 * exit-code table) and {@link xm.cli.Backends} (the one place that picks a backend). Commands live
 * in sub-packages by the man page's sections.
 */
package xm.cli;
