package dev.chatlab.localcloud.services.s3.website;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTML error pages of S3's website endpoint: a title with the status, then Code, Message,
 * the error's details (Key, BucketName, ...), RequestId and HostId as list items; when the
 * custom error document could not be served either, a second list says why.
 */
final class WebsiteErrorPage {

    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 403, "Forbidden", 404, "Not Found",
            405, "Method Not Allowed", 412, "Precondition Failed", 416, "Requested Range Not Satisfiable",
            500, "Internal Server Error", 501, "Not Implemented");

    private WebsiteErrorPage() {
    }

    static AwsResponse render(AwsException error, String requestId, AwsException errorDocumentError) {
        String title = error.status() + " " + REASONS.getOrDefault(error.status(), "Error");
        StringBuilder html = new StringBuilder()
                .append("<html>\n<head><title>").append(title).append("</title></head>\n<body>\n<h1>").append(title).append("</h1>\n<ul>\n");
        Map<String, String> items = new LinkedHashMap<>();
        items.put("Code", error.code());
        items.put("Message", error.getMessage());
        items.putAll(error.details());
        items.put("RequestId", requestId);
        items.put("HostId", requestId);
        list(html, items);
        if (errorDocumentError != null) {
            html.append("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n");
            Map<String, String> second = new LinkedHashMap<>();
            second.put("Code", errorDocumentError.code());
            second.put("Message", errorDocumentError.getMessage());
            second.putAll(errorDocumentError.details());
            list(html, second);
        }
        html.append("<hr/>\n</body>\n</html>\n");
        AwsResponse response = AwsResponse.status(error.status())
                .contentType("text/html; charset=utf-8")
                .body(html.toString())
                .header("x-amz-error-code", error.code())
                .header("x-amz-error-message", error.getMessage())
                .header("x-amz-request-id", requestId)
                .header("x-amz-id-2", requestId);
        error.details().forEach((name, value) -> response.header("x-amz-error-detail-" + name, value));
        return response;
    }

    private static void list(StringBuilder html, Map<String, String> items) {
        items.forEach((name, value) -> html.append("<li>").append(name).append(": ").append(escape(value)).append("</li>\n"));
        html.append("</ul>\n");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
