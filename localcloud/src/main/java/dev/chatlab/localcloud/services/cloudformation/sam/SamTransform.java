package dev.chatlab.localcloud.services.cloudformation.sam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;

/** The SAM transform (AWS::Serverless-2016-10-31). */
public final class SamTransform {

    public static final String NAME = "AWS::Serverless-2016-10-31";

    private SamTransform() {
    }

    public static ObjectNode expand(ObjectNode template) {
        throw TemplateError.validation("Transform " + NAME + " is not supported by localcloud yet");
    }
}
