/**
 * xmdomain.cfg files: finding them ({@link xm.config.XmConfigFile}), turning their variables into a
 * {@link xm.hypervisor.DomainConfig} with xm's defaults and messages ({@link
 * xm.config.DomainMapper}, {@link xm.config.DeviceSpecs}), and writing one back ({@link
 * xm.config.CfgWriter}).
 */
package xm.config;
