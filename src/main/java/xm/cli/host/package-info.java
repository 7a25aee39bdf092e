/** Xen host subcommands: info, dmesg, log. */
package xm.cli.host;
