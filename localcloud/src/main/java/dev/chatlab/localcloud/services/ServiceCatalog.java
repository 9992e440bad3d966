package dev.chatlab.localcloud.services;

import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.SigningSecrets;
import dev.chatlab.localcloud.services.apigateway.ApiGatewayRuntime;
import dev.chatlab.localcloud.services.apigateway.LambdaServiceIntegration;
import dev.chatlab.localcloud.services.apigateway.rest.ApiGatewayHandler;
import dev.chatlab.localcloud.services.apigateway.rest.RestApiService;
import dev.chatlab.localcloud.services.apigateway.websocket.ApiGatewayV2Handler;
import dev.chatlab.localcloud.services.apigateway.websocket.WebSocketApiService;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.IamConnectionAuthorizer;
import dev.chatlab.localcloud.services.cloudformation.ChangeSetService;
import dev.chatlab.localcloud.services.cloudformation.CloudFormationHandler;
import dev.chatlab.localcloud.services.cloudformation.CloudFormationService;
import dev.chatlab.localcloud.services.dynamodb.DynamoDbHandler;
import dev.chatlab.localcloud.services.iam.CallerAuthorization;
import dev.chatlab.localcloud.services.iam.IamAuthorizer;
import dev.chatlab.localcloud.services.iam.IamHandler;
import dev.chatlab.localcloud.services.iam.IamService;
import dev.chatlab.localcloud.services.iam.IamSigningSecrets;
import dev.chatlab.localcloud.services.iam.RoleSessions;
import dev.chatlab.localcloud.services.lambda.IamExecutionRoles;
import dev.chatlab.localcloud.services.lambda.LambdaHandler;
import dev.chatlab.localcloud.services.lambda.LambdaService;
import dev.chatlab.localcloud.services.lambda.S3CodeObjects;
import dev.chatlab.localcloud.services.lambda.runtime.RuntimeSettings;
import dev.chatlab.localcloud.services.logs.LogsHandler;
import dev.chatlab.localcloud.services.logs.LogsService;
import dev.chatlab.localcloud.services.route53.Route53Handler;
import dev.chatlab.localcloud.services.route53.Route53Service;
import dev.chatlab.localcloud.services.route53.dns.DnsResponder;
import dev.chatlab.localcloud.services.route53.dns.DnsServer;
import dev.chatlab.localcloud.services.s3.S3Handler;
import dev.chatlab.localcloud.services.s3.S3Service;
import dev.chatlab.localcloud.services.s3.website.S3WebsiteHandler;
import dev.chatlab.localcloud.services.sts.StsHandler;
import dev.chatlab.localcloud.services.sts.StsService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every service of one localcloud, in dependency order (IAM's policy engine before
 * the services that ask it), and owns what they start besides the HTTP port.
 */
public final class ServiceCatalog implements AutoCloseable {

    private final List<ServiceHandler> handlers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ServiceHandler fallback;
    private int dnsPort = -1;
    private final IamAuthorizer authorizer;
    private final StsService sts;
    private final SigningSecrets signingSecrets;
    private final ApiGatewayRuntime apiGateway;

    private final LambdaService lambda;

    public ServiceCatalog(CloudContext context) {
        // IAM and STS first: later services are given the authorizer and STS (Lambda's role credentials).
        IamService iam = new IamService(context);
        RoleSessions sessions = new RoleSessions(context.storage(), context.accountId(), context.clock());
        this.authorizer = new IamAuthorizer(iam, sessions, context.clock());
        this.sts = new StsService(iam, sessions, authorizer, context.clock(), context.timing().rolePropagation());
        this.signingSecrets = new IamSigningSecrets(iam.users(), sessions);
        handlers.add(new IamHandler(iam));
        handlers.add(new StsHandler(sts));

        S3Service s3 = new S3Service(context.storage(), context.clock());
        S3Handler s3Handler = new S3Handler(s3, authorizer);
        handlers.add(new S3WebsiteHandler(s3));
        handlers.add(s3Handler);
        this.fallback = s3Handler;

        Route53Service route53 = new Route53Service(context.storage(), context.clock(), context.timing().changePropagation());
        handlers.add(new Route53Handler(route53, context.baseUrl()));
        String bind = context.config().bindAddress();
        DnsServer dns = DnsServer.start(bind, context.config().dnsPort(),
                new DnsResponder(route53::authoritativeZoneFor, DnsServer.websiteAddress(bind)));
        closeables.add(dns);
        dnsPort = dns.port();

        DynamoDbHandler dynamoDb = new DynamoDbHandler(context, new CallerAuthorization(authorizer));
        handlers.add(dynamoDb);
        closeables.add(dynamoDb);

        // CloudWatch Logs before Lambda: functions write their output there.
        LogsService logs = new LogsService(context.storage(), context.clock());
        handlers.add(new LogsHandler(logs));
        this.lambda = new LambdaService(context, logs, new IamExecutionRoles(sts), new S3CodeObjects(s3), RuntimeSettings.fromEnvironment());
        handlers.add(new LambdaHandler(lambda, authorizer));
        closeables.add(lambda);

        RestApiService restApis = new RestApiService(context.storage(), context.clock());
        WebSocketApiService webSocketApis = new WebSocketApiService(context.storage(), context.clock(),
                context.timing().deploymentPending(), ApiGatewayRuntime.urls(context)::webSocketEndpoint);
        handlers.add(new ApiGatewayHandler(restApis, new ApiGatewayV2Handler(webSocketApis)));
        apiGateway = new ApiGatewayRuntime(context, restApis, webSocketApis);
        apiGateway.useAuthorizer(new IamConnectionAuthorizer(authorizer));
        apiGateway.useLambda(new LambdaServiceIntegration(lambda));
        handlers.add(apiGateway.handler());
        closeables.add(apiGateway);

        // CloudFormation last: its resources are made through every other service's handler, in-process.
        Map<String, ServiceHandler> bySigningName = new LinkedHashMap<>();
        handlers.forEach(handler -> handler.signingNames().forEach(name -> bySigningName.putIfAbsent(name, handler)));
        CloudFormationService cloudFormation = new CloudFormationService(context.storage(), context.clock(), context.accountId(),
                context.timing().stackOperationPatience(), () -> bySigningName);
        handlers.add(new CloudFormationHandler(cloudFormation, new ChangeSetService(cloudFormation, cloudFormation.planner())));
        closeables.add(cloudFormation);
    }

    /** Lambda: {@code lambda().invokeAsService(functionArn, "apigateway.amazonaws.com", sourceArn, payload)}. */
    public LambdaService lambda() {
        return lambda;
    }

    /** "May this access key do that?": for every service that checks permissions. */
    public IamAuthorizer authorizer() {
        return authorizer;
    }

    /** STS, e.g. {@code sts().credentialsForServicePrincipal(roleArn, "lambda.amazonaws.com", name)} for Lambda. */
    public StsService sts() {
        return sts;
    }

    /** The secrets behind the access keys IAM and STS issued, for the signature check. */
    public SigningSecrets signingSecrets() {
        return signingSecrets;
    }

    public List<ServiceHandler> handlers() {
        return handlers;
    }

    /** The handler for requests nothing else claims: S3, which allows anonymous calls. */
    public ServiceHandler fallback() {
        return fallback;
    }

    /** API Gateway's data plane: its WebSocket gateway wraps the HTTP handler; tests swap its Lambda integration. */
    public ApiGatewayRuntime apiGateway() {
        return apiGateway;
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
