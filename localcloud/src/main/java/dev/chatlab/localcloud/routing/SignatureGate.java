package dev.chatlab.localcloud.routing;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.MalformedUri;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.protocol.sigv4.SignatureFailure;
import dev.chatlab.localcloud.protocol.sigv4.SignatureVerifier;

/**
 * Lets a request through to its service only with a valid SigV4 signature, or without any where
 * AWS takes unsigned requests ({@link ServiceHandler#acceptsUnsigned}: anonymous S3, websites,
 * invoke URLs, the Lambda Runtime API); a refusal is worded in the service's {@link AuthDialect}.
 * CloudFormation's in-process calls carry no signature: they are localcloud acting for a
 * caller whose own request was checked. {@link #off()} (localcloud --no-verify-signatures)
 * takes every request as it comes, for tools that sign oddly.
 */
public final class SignatureGate {

    private final SignatureVerifier verifier;

    private SignatureGate(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    public static SignatureGate verifying(SignatureVerifier verifier) {
        return new SignatureGate(verifier);
    }

    public static SignatureGate off() {
        return new SignatureGate(null);
    }

    /** Throws the service's error for a signature AWS would refuse, or for a missing one where AWS needs one. */
    void admit(AwsRequest request, ServiceHandler service) {
        if (verifier == null || request.fromCloudFormation()) {
            return;
        }
        AuthDialect dialect = service.authDialect();
        refuseUnreadableQuery(request, dialect);
        try {
            if (verifier.verify(request).isEmpty() && !service.acceptsUnsigned(request)) {
                throw dialect.missing();
            }
        } catch (SignatureFailure failure) {
            // "Authorization: Bearer ..." to an invoke URL is the API's business (its authorizer's), not SigV4's; S3 refuses it.
            boolean foreignScheme = failure.kind() == SignatureFailure.Kind.UNSUPPORTED_SCHEME;
            if (!(foreignScheme && dialect != AuthDialect.S3 && service.acceptsUnsigned(request))) {
                throw dialect.error(failure);
            }
        }
    }

    /**
     * A URL whose query cannot be read is refused for that, before its signature (which covers the
     * query) can be checked, as AWS's front end refuses it: S3 says InvalidURI, the others MalformedQueryString.
     */
    private static void refuseUnreadableQuery(AwsRequest request, AuthDialect dialect) {
        try {
            request.queryParams();
        } catch (MalformedUri e) {
            throw dialect == AuthDialect.S3 ? new AwsException("InvalidURI", 400, "Couldn't parse the specified URI.") : e;
        }
    }

    /** True when signatures are checked (health says so). */
    public boolean verifies() {
        return verifier != null;
    }
}
