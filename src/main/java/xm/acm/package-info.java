/**
 * Access control (sHype/ACM) policies, pure: the policy records ({@link xm.acm.SecurityPolicy}),
 * reading and writing policy XML ({@link xm.acm.PolicyXml}, validated against the project's own
 * schema {@code xm/acm/security_policy.xsd} and then the semantic rules), where a named policy
 * lives ({@link xm.acm.PolicyPaths}), ssidrefs and Xen's {@code .map} text ({@link xm.acm.Ssids},
 * {@link xm.acm.PolicyMap}), and the decisions the host will enforce ({@link xm.acm.ChineseWall},
 * {@link xm.acm.Ste}). No I/O beyond reading a policy file, no host, no CLI.
 */
package xm.acm;
