package dev.chatlab.localcloud.services.route53;

import dev.chatlab.localcloud.core.AwsException;
import java.util.List;

/** The errors Route53 answers with: codes and HTTP statuses from its service model, messages as AWS writes them. */
final class Route53Errors {

    private Route53Errors() {
    }

    static AwsException noSuchHostedZone(String id) {
        return new AwsException("NoSuchHostedZone", 404, "No hosted zone found with ID: " + id);
    }

    static AwsException noSuchChange(String id) {
        return new AwsException("NoSuchChange", 404, "Could not find resource with ID: " + id);
    }

    static AwsException hostedZoneAlreadyExists() {
        return new AwsException("HostedZoneAlreadyExists", 409, "A hosted zone has already been created with the specified caller reference.");
    }

    static AwsException hostedZoneNotEmpty() {
        // AWS's message has the double space too
        return new AwsException("HostedZoneNotEmpty", 400, "The specified hosted zone contains non-required resource record sets  and so cannot be deleted.");
    }

    static AwsException invalidDomainName(String message) {
        return new AwsException("InvalidDomainName", 400, message);
    }

    static AwsException invalidInput(String message) {
        return new AwsException("InvalidInput", 400, message);
    }

    static AwsException malformedInput(String message) {
        return new AwsException("MalformedInput", 400, message);
    }

    /** Every problem of one batch, listed as AWS lists them: "[first, second]". */
    static AwsException invalidChangeBatch(List<String> problems) {
        return new AwsException("InvalidChangeBatch", 400, "[" + String.join(", ", problems) + "]");
    }

    static AwsException noSuchHealthCheck(String id) {
        return new AwsException("NoSuchHealthCheck", 404, "No health check exists with the specified ID " + id);
    }
}
