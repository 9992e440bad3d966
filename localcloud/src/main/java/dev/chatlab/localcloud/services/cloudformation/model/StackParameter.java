package dev.chatlab.localcloud.services.cloudformation.model;

/** A parameter's value; a NoEcho parameter is answered as "****". */
public record StackParameter(String parameterKey, String parameterValue, boolean noEcho) {

    public String shownValue() {
        return noEcho ? "****" : parameterValue;
    }
}
