package dev.chatlab.localcloud.services.cloudformation.template;

import dev.chatlab.localcloud.core.AwsException;

/** A template CloudFormation refuses: AWS answers these as ValidationError, 400, with its own wording. */
public final class TemplateError {

    private TemplateError() {
    }

    /** "Template format error: ..." (the template's shape is wrong). */
    public static AwsException format(String problem) {
        return new AwsException("ValidationError", 400, "Template format error: " + problem);
    }

    /** "Template error: ..." (an intrinsic function cannot be evaluated). */
    public static AwsException evaluation(String problem) {
        return new AwsException("ValidationError", 400, "Template error: " + problem);
    }

    /** Any other ValidationError, worded as AWS words it. */
    public static AwsException validation(String message) {
        return new AwsException("ValidationError", 400, message);
    }
}
