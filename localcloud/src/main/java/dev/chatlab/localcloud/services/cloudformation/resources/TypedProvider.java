package dev.chatlab.localcloud.services.cloudformation.resources;

import java.util.Set;

/** A provider's facts from AWS's resource type reference: its name, what replaces it, what Fn::GetAtt reads. */
abstract class TypedProvider implements ResourceProvider {

    private final String type;
    private final Set<String> replacedOn;
    private final Set<String> attributes;

    TypedProvider(String type, Set<String> replacedOn, Set<String> attributes) {
        this.type = type;
        this.replacedOn = replacedOn;
        this.attributes = attributes;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Set<String> replacedOn() {
        return replacedOn;
    }

    @Override
    public final Set<String> attributes() {
        return attributes;
    }
}
