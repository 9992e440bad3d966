package dev.chatlab.localcloud.services.s3.website;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.services.s3.ObjectResponses;
import dev.chatlab.localcloud.services.s3.S3Service;
import dev.chatlab.localcloud.services.s3.access.AccessControl;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import dev.chatlab.localcloud.services.s3.model.WebsiteConfiguration;
import java.util.Map;
import java.util.Optional;

/** One visitor's GET or HEAD on a bucket's website, from routing rules to the error document. */
final class WebsiteRequest {

    private final S3Service service;
    private final AwsRequest request;
    private final WebsiteAddress address;
    private final Bucket bucket;
    private final WebsiteConfiguration website;

    WebsiteRequest(S3Service service, AwsRequest request, WebsiteAddress address, Bucket bucket, WebsiteConfiguration website) {
        this.service = service;
        this.request = request;
        this.address = address;
        this.bucket = bucket;
        this.website = website;
    }

    AwsResponse answer() {
        String key = address.key();
        if (website.redirectAllRequestsTo() != null) {
            WebsiteConfiguration.RedirectAll target = website.redirectAllRequestsTo();
            String protocol = target.protocol() == null ? "http" : target.protocol();
            return S3WebsiteHandler.redirect(301, protocol + "://" + target.hostName() + "/" + address.rawKeyPath());
        }
        for (WebsiteConfiguration.RoutingRule rule : website.routingRules()) {
            if (rule.httpErrorCodeReturnedEquals() == null && rule.keyPrefixEquals() != null && key.startsWith(rule.keyPrefixEquals())) {
                return redirect(rule, key);
            }
        }
        try {
            return serve(key);
        } catch (AwsException error) {
            if (error.status() != 403 && error.status() != 404) {
                throw error;
            }
            return errorAnswer(key, error);
        }
    }

    private AwsResponse serve(String key) {
        String objectKey = key.isEmpty() || key.endsWith("/") ? key + website.indexSuffix() : key;
        Optional<StoredObject> object = S3WebsiteHandler.find(service, bucket, objectKey);
        if (object.isEmpty()) {
            String folderIndex = key + "/" + website.indexSuffix();
            if (!key.isEmpty() && !key.endsWith("/") && S3WebsiteHandler.find(service, bucket, folderIndex).isPresent()) {
                return S3WebsiteHandler.redirect(302, address.base() + address.rawKeyPath() + "/");
            }
            throw readable(objectKey, false) ? S3Errors.noSuchKey(objectKey) : S3Errors.accessDenied();
        }
        if (!readable(objectKey, object.get().metadata().publicRead())) {
            throw S3Errors.accessDenied();
        }
        String redirectLocation = object.get().metadata().websiteRedirectLocation();
        if (redirectLocation != null) {
            return S3WebsiteHandler.redirect(301, redirectLocation);
        }
        return ObjectResponses.render(request, object.get(), false);
    }

    /** An anonymous visitor may read a key when the bucket policy (or a public ACL that counts) says so. */
    private boolean readable(String key, boolean publicAcl) {
        return AccessControl.anonymousAllowed(bucket, service.blockInForce(bucket), "s3:GetObject", AccessControl.objectArn(bucket.name(), key), request.remoteAddr())
                || AccessControl.publicAclHonoured(service.blockInForce(bucket), publicAcl);
    }

    /** A 403 or 404: a routing rule for that status, else the error document with the same status, else AWS's page. */
    private AwsResponse errorAnswer(String key, AwsException error) {
        String status = String.valueOf(error.status());
        for (WebsiteConfiguration.RoutingRule rule : website.routingRules()) {
            if (status.equals(rule.httpErrorCodeReturnedEquals())
                    && (rule.keyPrefixEquals() == null || key.startsWith(rule.keyPrefixEquals()))) {
                return redirect(rule, key);
            }
        }
        if (website.errorKey() == null) {
            return WebsiteErrorPage.render(error, request.requestId(), null);
        }
        Optional<StoredObject> document = service.findObject(bucket.name(), website.errorKey());
        AwsException documentError = null;
        if (document.isEmpty()) {
            documentError = readable(website.errorKey(), false) ? S3Errors.noSuchKey(website.errorKey()) : S3Errors.accessDenied();
        } else if (!readable(website.errorKey(), document.get().metadata().publicRead())) {
            documentError = S3Errors.accessDenied();
        }
        if (documentError != null) {
            return WebsiteErrorPage.render(error, request.requestId(), documentError);
        }
        AwsRequest plain = new AwsRequest(request.method(), request.rawPath(), "", Map.of(), new byte[0],
                request.remoteAddr(), request.requestId());
        return ObjectResponses.render(plain, document.get(), false).withStatus(error.status());
    }

    private AwsResponse redirect(WebsiteConfiguration.RoutingRule rule, String key) {
        String newKey = key;
        if (rule.replaceKeyWith() != null) {
            newKey = rule.replaceKeyWith();
        } else if (rule.replaceKeyPrefixWith() != null) {
            String prefix = rule.keyPrefixEquals() == null ? "" : rule.keyPrefixEquals();
            newKey = rule.replaceKeyPrefixWith() + key.substring(Math.min(prefix.length(), key.length()));
        }
        String protocol = rule.protocol() == null ? "http" : rule.protocol();
        String host = rule.hostName() != null ? rule.hostName() : request.header("host").orElse("localhost");
        String path = rule.hostName() != null ? "/" + newKey : address.base() + newKey;
        int code = rule.httpRedirectCode() == null ? 301 : Integer.parseInt(rule.httpRedirectCode());
        return S3WebsiteHandler.redirect(code, protocol + "://" + host + path);
    }
}
