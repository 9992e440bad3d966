package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.s3.model.PublicAccessBlock;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.util.List;

/**
 * The account's Block Public Access, S3 Control's Get/Put/DeletePublicAccessBlock
 * ({@code /v20180820/configuration/publicAccessBlock} with the {@code x-amz-account-id}
 * header; on AWS at {@code <account>.s3-control.<region>.amazonaws.com}, signed for "s3").
 * S3 Control's other operations (access points, jobs, ...) are not provided.
 */
final class AccountOperations {

    static final String PUBLIC_ACCESS_BLOCK_PATH = "/v20180820/configuration/publicAccessBlock";
    private static final String NS = "http://awss3control.amazonaws.com/doc/2018-08-20/";

    private final S3Service service;

    AccountOperations(S3Service service) {
        this.service = service;
    }

    /** True for an S3 Control call: its path and its account header, which no bucket request carries. */
    static boolean owns(AwsRequest request) {
        return request.rawPath().startsWith("/v20180820/") && request.header("x-amz-account-id").isPresent();
    }

    AwsResponse handle(S3Call call) {
        if (!call.signed() || !AccountAndRegion.ACCOUNT_ID.equals(call.header("x-amz-account-id"))) {
            throw S3Errors.accessDenied(); // S3 Control is never anonymous, and only the account itself may read its settings
        }
        if (!call.request().rawPath().startsWith(PUBLIC_ACCESS_BLOCK_PATH)) {
            throw new AwsException("NotImplemented", 501,
                    "localcloud provides only S3 Control's Get/Put/DeletePublicAccessBlock");
        }
        return switch (call.method()) {
            case "GET" -> {
                PublicAccessBlock block = service.accountPublicAccessBlock();
                yield AwsResponse.xml(200, XmlWriter.document("PublicAccessBlockConfiguration", NS)
                        .element("BlockPublicAcls", block.blockPublicAcls())
                        .element("IgnorePublicAcls", block.ignorePublicAcls())
                        .element("BlockPublicPolicy", block.blockPublicPolicy())
                        .element("RestrictPublicBuckets", block.restrictPublicBuckets()).toString());
            }
            case "PUT" -> {
                S3XmlReader xml = S3XmlReader.parse(call.request().body(), "PublicAccessBlockConfiguration");
                if (!List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets").containsAll(xml.childNames())) {
                    throw S3Errors.malformedXml();
                }
                service.putAccountPublicAccessBlock(new PublicAccessBlock(xml.bool("BlockPublicAcls"), xml.bool("IgnorePublicAcls"),
                        xml.bool("BlockPublicPolicy"), xml.bool("RestrictPublicBuckets")));
                yield AwsResponse.ok();
            }
            case "DELETE" -> {
                service.deleteAccountPublicAccessBlock();
                yield AwsResponse.noContent();
            }
            default -> throw S3Errors.methodNotAllowed(call.method(), "ACCOUNT");
        };
    }
}
