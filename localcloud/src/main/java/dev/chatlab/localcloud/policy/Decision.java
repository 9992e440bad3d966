package dev.chatlab.localcloud.policy;

/** The outcome of an evaluation, named as IAM's policy simulator names them. */
public enum Decision {
    ALLOWED("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String simulatorName;

    Decision(String simulatorName) {
        this.simulatorName = simulatorName;
    }

    /** The EvalDecision value of SimulatePrincipalPolicy. */
    public String simulatorName() {
        return simulatorName;
    }

    public boolean isAllowed() {
        return this == ALLOWED;
    }
}
