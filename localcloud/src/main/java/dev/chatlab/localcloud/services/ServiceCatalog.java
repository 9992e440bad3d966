package dev.chatlab.localcloud.services;

import dev.chatlab.localcloud.CloudContext;
import dev.chatlab.localcloud.services.dynamodb.DynamoDbHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds every service of one localcloud, in dependency order (IAM's policy engine before
 * the services that ask it), and owns what they start besides the HTTP port.
 */
public final class ServiceCatalog implements AutoCloseable {

    private final List<ServiceHandler> handlers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ServiceHandler fallback;
    private int dnsPort = -1;

    public ServiceCatalog(CloudContext context) {
        this.fallback = new NotProvidedHandler("s3");
        DynamoDbHandler dynamoDb = new DynamoDbHandler(context);
        handlers.add(dynamoDb);
        closeables.add(dynamoDb);
    }

    public List<ServiceHandler> handlers() {
        return handlers;
    }

    /** The handler for requests nothing else claims: S3, which allows anonymous calls. */
    public ServiceHandler fallback() {
        return fallback;
    }

    /** The port of the DNS server for the hosted zones, or -1 when there is none. */
    public int dnsPort() {
        return dnsPort;
    }

    public List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        handlers.forEach(handler -> names.addAll(handler.signingNames()));
        return names;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing on the way out: nothing left to tell anyone
            }
        }
    }
}
