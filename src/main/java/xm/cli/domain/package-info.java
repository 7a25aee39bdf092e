/** Domain subcommands of the man page (create, list, mem-set, shutdown, migrate, ...). */
package xm.cli.domain;
