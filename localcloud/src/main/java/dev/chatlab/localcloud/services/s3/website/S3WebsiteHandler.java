package dev.chatlab.localcloud.services.s3.website;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.services.s3.S3Service;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import dev.chatlab.localcloud.services.s3.model.WebsiteConfiguration;
import java.util.Optional;
import java.util.Set;

/**
 * S3's static website endpoint: anonymous GET and HEAD only, objects readable only when the
 * bucket policy grants s3:GetObject to everyone (and RestrictPublicBuckets does not cut that
 * off), index documents for "/" and "folder/", a 302 from "folder" to "folder/", the error
 * document with the original status, routing rules and RedirectAllRequestsTo, and AWS's HTML
 * error pages. See {@link WebsiteAddress} for the URL forms it answers.
 */
public final class S3WebsiteHandler implements ServiceHandler {

    private final S3Service service;

    public S3WebsiteHandler(S3Service service) {
        this.service = service;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of();
    }

    @Override
    public boolean ownsEndpoint(AwsRequest request) {
        if (CredentialScope.of(request).isPresent() || request.header("authorization").isPresent()) {
            return false;
        }
        if (WebsiteAddress.isPathForm(request)) {
            return true;
        }
        String host = request.hostName();
        if (WebsiteAddress.bucketFromWebsiteHost(host).isPresent()) {
            return true;
        }
        // A custom domain: the Host is a bucket's name and that bucket hosts a website.
        return host.contains(".") && !host.endsWith(".localhost")
                && service.findBucket(host).map(bucket -> bucket.website() != null).orElse(false);
    }

    /** A website is read anonymously (a signed request is S3's REST API's, see {@link #ownsEndpoint}); the bucket policy decides what it shows. */
    @Override
    public boolean acceptsUnsigned(AwsRequest request) {
        return true;
    }

    /** A website's cross-origin answers are the bucket's business (S3 CORS), not the JSON APIs'. */
    @Override
    public boolean answersCrossOrigin() {
        return false;
    }

    /** A website is for every browser, whatever site linked to it, as S3's website endpoint is. */
    @Override
    public boolean servesAnySite(AwsRequest request) {
        return true;
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        try {
            WebsiteAddress address = WebsiteAddress.of(request);
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                throw S3Errors.methodNotAllowed(request.method(), "OBJECT");
            }
            Bucket bucket = service.findBucket(address.bucket()).orElseThrow(() -> S3Errors.noSuchBucket(address.bucket()));
            WebsiteConfiguration website = bucket.website();
            if (website == null) {
                throw new AwsException("NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration")
                        .withDetail("BucketName", bucket.name());
            }
            if (address.rawKeyPath() == null) {
                return redirect(302, address.base()); // /_aws/s3-website/<bucket> -> .../<bucket>/, so relative links resolve
            }
            return new WebsiteRequest(service, request, address, bucket, website).answer();
        } catch (AwsException e) {
            return renderError(e, request);
        }
    }

    @Override
    public AwsResponse renderError(AwsException e, AwsRequest request) {
        return WebsiteErrorPage.render(e, request.requestId(), null);
    }

    static AwsResponse redirect(int status, String location) {
        return AwsResponse.status(status).header("Location", location);
    }

    /** Reads an object for an anonymous website visitor; empty when it does not exist. */
    static Optional<StoredObject> find(S3Service service, Bucket bucket, String key) {
        return key.isEmpty() ? Optional.empty() : service.findObject(bucket.name(), key);
    }
}
