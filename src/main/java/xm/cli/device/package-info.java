/** Virtual device subcommands: block-*, network-*, vtpm-list. */
package xm.cli.device;
