package dev.chatlab.localcloud.routing;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.http.RequestDispatcher;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.storage.Storage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the service that answers a request, then lets {@link CrossSiteGuard} refuse what a
 * browser sent on behalf of another site. The order:
 * <ol>
 *   <li>{@code /_localcloud/...}: localcloud's own endpoints (health, shutdown);</li>
 *   <li>the SigV4 credential scope's service name ("dynamodb" in
 *       {@code Credential=AKID/20261125/ap-northeast-2/dynamodb/aws4_request}), as AWS's
 *       endpoints are per service while localcloud has one port for all;</li>
 *   <li>the {@code X-Amz-Target} prefix, for JSON-protocol calls that are not signed;</li>
 *   <li>the Host header or path of an unsigned request to a data-plane endpoint
 *       (an S3 website, an API Gateway invoke URL, the Lambda Runtime API) or to a REST API's
 *       own paths (Lambda's {@code /2015-03-31/...}, API Gateway's {@code /restapis}, Route53's
 *       {@code /2013-04-01/...});</li>
 *   <li>the protocol of an unsigned call that names no service: a JSON-protocol body (or a CORS
 *       preflight for one, which announces X-Amz-Target) goes to the first JSON service, a
 *       Query-protocol form to the first Query service, so that each answers it in its own words
 *       (MissingAuthenticationToken), never S3's XML;</li>
 *   <li>otherwise S3, which accepts anonymous requests on its REST endpoint.</li>
 * </ol>
 * Then {@link CrossSiteGuard} refuses what a browser sent for another site, a CORS preflight to a
 * JSON service is answered ({@link CrossOriginApis}), and {@link SignatureGate} checks the signature.
 * A service that fails with anything but its AwsException is a localcloud bug: the caller
 * gets a 500 in the service's own error shape and the stack trace goes to the log, not to the caller.
 * An answer leaves only once what the request wrote is on disk ({@link Storage#whenDurable}):
 * AWS acknowledges a write only once it is durable, and so a crash never loses an acknowledged one.
 * The request's thread does not wait for that: the answer goes out from whichever thread syncs.
 */
public final class ServiceRouter implements RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRouter.class);

    private final ServiceHandler internal;
    private final List<ServiceHandler> services;
    private final Map<String, ServiceHandler> bySigningName = new LinkedHashMap<>();
    private final ServiceHandler fallback;
    private final CrossSiteGuard guard;
    private final SignatureGate signatures;
    private final Storage storage;

    public ServiceRouter(ServiceHandler internal, List<ServiceHandler> services, ServiceHandler fallback, CrossSiteGuard guard,
            SignatureGate signatures, Storage storage) {
        this.internal = internal;
        this.storage = storage;
        this.guard = guard;
        this.signatures = signatures;
        this.services = List.copyOf(services);
        this.fallback = fallback;
        for (ServiceHandler service : services) {
            service.signingNames().forEach(name -> bySigningName.put(name, service));
        }
    }

    /**
     * Answers {@code request} through {@code reply}: at once when it failed or wrote nothing,
     * otherwise once what it wrote is on disk, perhaps on the thread that synced it (the
     * calling thread does not wait for the disk).
     */
    @Override
    public void route(AwsRequest request, Consumer<AwsResponse> reply) {
        Outcome outcome = answer(request);
        if (outcome.handled()) {
            // a write that could not be synced may be lost: it is not acknowledged
            storage.whenDurable(() -> reply.accept(outcome.response()), failure -> reply.accept(internalError(outcome.service(), request, failure)));
        } else {
            reply.accept(outcome.response());
        }
    }

    /** An answer, the service that gave it, and whether that service handled the request (and may have written). */
    private record Outcome(ServiceHandler service, AwsResponse response, boolean handled) {
    }

    private Outcome answer(AwsRequest request) {
        ServiceHandler service = null;
        boolean admitted = false; // a page the guard refused gets no CORS headers: the browser keeps the answer from it
        try {
            service = pick(request);
            guard.admit(request, service);
            admitted = true;
            if (service.answersCrossOrigin() && CrossOriginApis.isPreflight(request)) {
                return new Outcome(service, CrossOriginApis.preflight(request), false);
            }
            signatures.admit(request, service);
            service.checkInput(request);
            AwsResponse answer = service.handle(request);
            return new Outcome(service, crossOrigin(service, request, answer), true);
        } catch (AwsException e) {
            AwsResponse answer = render(service, e, request);
            return new Outcome(service, admitted ? crossOrigin(service, request, answer) : answer, false);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(service, internalError(service, request, e), false);
        }
    }

    private static AwsResponse internalError(ServiceHandler service, AwsRequest request, Throwable bug) {
        // A bug: the trace goes to the log; the caller gets AWS's words for it, never a Java class name.
        LOG.error("{} {} failed inside localcloud", request.method(), request.rawPath(), bug);
        return render(service, AwsException.internalError(
                "The request processing has failed because of an unknown error, exception or failure."), request);
    }

    /**
     * The service a request goes to, known from its head alone (the body is not read yet), or
     * null when none would take it: that request is answered by {@link #route} anyway.
     */
    @Override
    public ServiceHandler serviceOf(AwsRequest head) {
        try {
            return pick(head);
        } catch (AwsException unknown) {
            return null;
        }
    }

    /** Answers {@code error} in the shape of the service {@code head} goes to (a body too large, a body too slow). */
    @Override
    public AwsResponse refuse(AwsRequest head, AwsException error) {
        return render(serviceOf(head), error, head);
    }

    private static AwsResponse crossOrigin(ServiceHandler service, AwsRequest request, AwsResponse answer) {
        return service != null && service.answersCrossOrigin() ? CrossOriginApis.allowOrigin(request, answer) : answer;
    }

    private static AwsResponse render(ServiceHandler service, AwsException error, AwsRequest request) {
        return service == null ? ErrorRenderer.forClientOf(request, error) : service.renderError(error, request);
    }

    ServiceHandler pick(AwsRequest request) {
        if (request.rawPath().startsWith("/_localcloud/")) {
            return internal;
        }
        Optional<CredentialScope> scope = CredentialScope.of(request);
        if (scope.isPresent()) {
            ServiceHandler signed = bySigningName.get(scope.get().service());
            if (signed == null) {
                throw new AwsException("UnknownService", 400,
                        "localcloud does not provide the service '" + scope.get().service() + "' (it provides " + String.join(", ", bySigningName.keySet()) + ").");
            }
            return signed;
        }
        Optional<String> target = request.header("x-amz-target");
        if (target.isPresent()) {
            return services.stream()
                    .filter(service -> service.targetPrefixes().stream().anyMatch(target.get()::startsWith))
                    .findFirst()
                    .orElseThrow(() -> new AwsException("UnknownOperationException", 400, "Unknown X-Amz-Target: " + target.get()));
        }
        return services.stream().filter(service -> service.ownsEndpoint(request)).findFirst()
                .or(() -> byProtocol(request))
                .orElse(fallback);
    }

    /**
     * An unsigned call in the JSON or Query protocol that names no service (no X-Amz-Target, no
     * Action it could be told by): AWS would answer it at whichever endpoint it was sent to, in that
     * service's protocol, so localcloud lets the first service of the protocol answer it.
     */
    private Optional<ServiceHandler> byProtocol(AwsRequest request) {
        String contentType = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        boolean jsonCall = contentType.startsWith("application/x-amz-json")
                || CrossOriginApis.isPreflight(request) && request.header("access-control-request-headers").orElse("").toLowerCase(Locale.ROOT).contains("x-amz-target");
        if (jsonCall) {
            return services.stream().filter(service -> !service.targetPrefixes().isEmpty()).findFirst();
        }
        boolean queryCall = request.method().equals("POST") && request.rawPath().equals("/") && contentType.startsWith("application/x-www-form-urlencoded");
        if (queryCall) {
            return services.stream().filter(service -> service.authDialect() == AuthDialect.QUERY).findFirst();
        }
        return Optional.empty();
    }
}
