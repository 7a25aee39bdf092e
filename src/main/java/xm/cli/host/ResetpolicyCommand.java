package xm.cli.host;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm resetpolicy}: loads xm 3.4's DEFAULT policy (one type, SystemManagement, which Domain-0
 * holds), so that the host runs without a policy's rules; refused while guests hold labels the
 * default policy lacks. Not written to the boot menu, as xm 3.4 did not.
 */
public final class ResetpolicyCommand extends XmCommand {
  static final String DEFAULT_NAME = "DEFAULT";

  @Override
  public Integer call() {
    requireArgs(0);
    Optional<SecurityPolicy> now = host().activePolicy();
    String from =
        now.map(p -> p.bootstrap())
            .filter(l -> !l.equals("SystemManagement"))
            .map(l -> " from=\"" + l + "\"")
            .orElse("");
    SecurityPolicy reset =
        PolicyXml.read("DEFAULT policy", defaultPolicy(from).getBytes(StandardCharsets.UTF_8));
    boolean notInBoot =
        now.isPresent()
            && !now.get().name().equals(DEFAULT_NAME)
            && host()
                .bootPolicy()
                .map(SecurityPolicy::name)
                .filter(now.get().name()::equals)
                .isEmpty();
    try {
      host().loadPolicy(reset, origin);
    } catch (XmException e) {
      throw XmException.error(
          "Could not reset the system's policy. Try to halt all guests. (" + e.getMessage() + ")");
    }
    out().println("Successfully reset the system's policy.");
    if (notInBoot) {
      out().println("Old policy not found in bootloader file.");
    }
    return 0;
  }

  /** xm 3.4's default policy, Domain-0's label renamed from {@code from} when it held another. */
  static String defaultPolicy(String from) {
    return "<?xml version=\"1.0\" ?>\n"
        + "<SecurityPolicyDefinition xmlns=\"http://www.ibm.com\">\n"
        + "  <PolicyHeader>\n    <PolicyName>"
        + DEFAULT_NAME
        + "</PolicyName>\n    <Version>1.0</Version>\n  </PolicyHeader>\n"
        + "  <SimpleTypeEnforcement>\n    <SimpleTypeEnforcementTypes>\n      <Type>SystemManagement</Type>\n"
        + "    </SimpleTypeEnforcementTypes>\n  </SimpleTypeEnforcement>\n"
        + "  <ChineseWall>\n    <ChineseWallTypes>\n      <Type>SystemManagement</Type>\n    </ChineseWallTypes>\n"
        + "  </ChineseWall>\n"
        + "  <SecurityLabelTemplate>\n    <SubjectLabels bootstrap=\"SystemManagement\">\n"
        + "      <VirtualMachineLabel>\n        <Name"
        + from
        + ">SystemManagement</Name>\n"
        + "        <SimpleTypeEnforcementTypes>\n          <Type>SystemManagement</Type>\n"
        + "        </SimpleTypeEnforcementTypes>\n"
        + "        <ChineseWallTypes>\n          <Type/>\n        </ChineseWallTypes>\n"
        + "      </VirtualMachineLabel>\n    </SubjectLabels>\n  </SecurityLabelTemplate>\n"
        + "</SecurityPolicyDefinition>\n";
  }
}
