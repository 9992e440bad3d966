package dev.chatlab.localcloud.robustness;

import java.util.Optional;

/**
 * Where each of AWS's wire protocols puts an error's code, as the SDK reads it: a client of one
 * protocol cannot read another's (a JSON client gets nothing from S3's XML).
 */
enum ErrorShape {
    /** DynamoDB, CloudWatch Logs: JSON with {@code "__type": "<prefix>#Code"}. */
    AWS_JSON {
        @Override
        Optional<String> code(RawAnswer answer) {
            return answer.contentType().contains("json")
                    ? answer.jsonField("__type").map(type -> type.substring(type.indexOf('#') + 1)) : Optional.empty();
        }
    },
    /** Lambda, API Gateway's control planes and data plane: the code in {@code X-Amzn-ErrorType}, a JSON body. */
    REST_JSON {
        @Override
        Optional<String> code(RawAnswer answer) {
            return answer.contentType().contains("json")
                    ? answer.header("x-amzn-errortype").map(type -> type.split(":", 2)[0]) : Optional.empty();
        }
    },
    /** IAM, STS, CloudFormation and Route53: XML {@code <ErrorResponse><Error><Code>}. */
    ERROR_RESPONSE_XML {
        @Override
        Optional<String> code(RawAnswer answer) {
            return answer.contentType().contains("xml") && answer.body().contains("<ErrorResponse")
                    ? answer.xmlElement("Code") : Optional.empty();
        }
    },
    /** S3: XML {@code <Error><Code>}. */
    S3_XML {
        @Override
        Optional<String> code(RawAnswer answer) {
            return answer.contentType().contains("xml") && answer.body().contains("<Error>")
                    ? answer.xmlElement("Code") : Optional.empty();
        }
    };

    /** The error code the SDK of this protocol would read, or empty when the answer is not in this shape. */
    abstract Optional<String> code(RawAnswer answer);
}
