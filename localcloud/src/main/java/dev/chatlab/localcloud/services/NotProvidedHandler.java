package dev.chatlab.localcloud.services;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import java.util.Set;

/** Answers for a service this build of localcloud does not provide yet. */
final class NotProvidedHandler implements ServiceHandler {

    private final String name;

    NotProvidedHandler(String name) {
        this.name = name;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        throw new AwsException("NotImplemented", 501, "localcloud does not provide " + name + " yet.");
    }
}
