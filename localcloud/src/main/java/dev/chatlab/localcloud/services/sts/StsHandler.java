package dev.chatlab.localcloud.services.sts;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.protocol.QueryProtocol;
import dev.chatlab.localcloud.protocol.query.QueryServiceHandler;
import dev.chatlab.localcloud.services.iam.model.CallerIdentity;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS's query protocol ({@code Action=AssumeRole&Version=2011-06-15&...}), answers in STS's
 * namespace. The caller is the access key of the request's SigV4 credential scope.
 */
public final class StsHandler extends QueryServiceHandler {

    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:\\/-]*");

    private final StsService sts;

    public StsHandler(StsService sts) {
        super("sts", NAMESPACE, INPUT);
        this.sts = sts;
    }

    /** STS refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = validator("sts");



    @Override
    public AwsResponse handle(AwsRequest request) {
        return QueryProtocol.handle(request, NAMESPACE, "2011-06-15", Map.of(
                "GetCallerIdentity", (params, xml, req) -> {
                    CallerIdentity identity = sts.getCallerIdentity(caller(req));
                    QueryProtocol.result(xml, "GetCallerIdentity", () -> writeIdentity(xml, identity));
                },
                "AssumeRole", (params, xml, req) -> {
                    SessionCredentials credentials = assumeRole(params, caller(req), req.remoteAddr());
                    QueryProtocol.result(xml, "AssumeRole", () -> writeAssumedRole(xml, credentials));
                }));
    }

    /** The access key of the request's SigV4 credential scope. */
    private static String caller(AwsRequest request) {
        return CredentialScope.of(request).map(CredentialScope::accessKeyId)
                .orElseThrow(() -> new AwsException("MissingAuthenticationToken", 403, "Request is missing Authentication Token"));
    }

    private SessionCredentials assumeRole(QueryParameters params, String accessKeyId, String remoteAddr) {
        String roleArn = params.name("RoleArn", 20, 2048, null, true);
        String sessionName = params.name("RoleSessionName", 2, 64, SESSION_NAME, true);
        Integer duration = params.integer("DurationSeconds", 900, 43200).orElse(null);
        String externalId = params.name("ExternalId", 2, 1224, EXTERNAL_ID, false);
        List<String> policyArns = params.structures("PolicyArns").stream().map(arn -> arn.get("arn")).toList();
        List<String> sessionPolicies = sts.sessionPolicies(params.optional("Policy").orElse(null), policyArns);
        return sts.assumeRole(accessKeyId, roleArn, sessionName, duration, externalId, remoteAddr, sessionPolicies);
    }

    private static void writeIdentity(XmlWriter xml, CallerIdentity identity) {
        xml.element("Arn", identity.arn()).element("UserId", identity.userId()).element("Account", identity.account());
    }

    private static void writeAssumedRole(XmlWriter xml, SessionCredentials credentials) {
        xml.start("Credentials")
                .element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", credentials.expiration())
                .end()
                .start("AssumedRoleUser")
                .element("AssumedRoleId", credentials.assumedRoleId())
                .element("Arn", credentials.arn())
                .end();
    }
}
