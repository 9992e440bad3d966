package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.lambda.model.InvokeResult;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** Lambda's control plane through the SDK: functions, configuration, code, permissions, tags. */
class LambdaApiTest {

    static final String ROLE = LambdaExecutionTest.ROLE;
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestCloud cloud;
    static LambdaClient lambda;
    static byte[] zipBytes;
    static SdkBytes zip;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        lambda = cloud.client(LambdaClient.builder()).build();
        zipBytes = HandlerPackages.zipBytes(Map.of("fn.Upper", TestHandlers.all().get("fn.Upper")));
        zip = SdkBytes.fromByteArray(zipBytes);
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static CreateFunctionRequest.Builder function(String name) {
        return CreateFunctionRequest.builder().functionName(name).runtime("java21").role(ROLE)
                .handler("fn.Upper").code(c -> c.zipFile(zip));
    }

    static void createActive(String name) {
        lambda.createFunction(function(name).build());
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    @Test
    void createFunction_isPendingThenActive_withLambdasDefaults() throws Exception {
        CreateFunctionResponse created = lambda.createFunction(function("defaults").description("chat").build());

        assertEquals(State.PENDING, created.state());
        assertEquals("arn:aws:lambda:ap-northeast-2:000000000000:function:defaults", created.functionArn());
        assertEquals(3, created.timeout());
        assertEquals(128, created.memorySize());
        assertEquals("$LATEST", created.version());
        assertEquals(zipBytes.length, created.codeSize());
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zipBytes));
        assertEquals(sha, created.codeSha256());

        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("defaults"));
        GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(b -> b.functionName("defaults"));
        assertEquals(State.ACTIVE, config.state());
        assertEquals(LastUpdateStatus.SUCCESSFUL, config.lastUpdateStatus());
        assertEquals("chat", config.description());
        assertEquals("/aws/lambda/defaults", config.loggingConfig().logGroup());
    }

    @Test
    void createFunction_codeFromS3_isReadFromLocalcloudsS3_andAMissingKeyIsLambdasGetObjectError() {
        try (S3Client s3 = cloud.client(S3Client.builder()).build()) {
            s3.createBucket(b -> b.bucket("chat-code").createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
            s3.putObject(b -> b.bucket("chat-code").key("functions.zip"), RequestBody.fromBytes(zipBytes));
        }
        assertEquals(zipBytes.length, lambda.createFunction(function("from-s3").code(c -> c.s3Bucket("chat-code").s3Key("functions.zip")).build())
                .codeSize());
        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("from-s3-missing").code(c -> c.s3Bucket("chat-code").s3Key("nope.zip")).build()));
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.",
                missing.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_java17_isRefusedAsDeprecatedOnAws() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("old").runtime("java17").build()));
        assertEquals(400, error.statusCode());
        assertTrue(error.awsErrorDetails().errorMessage().startsWith(
                "The runtime parameter of java17 is no longer supported for creating or updating AWS Lambda functions."),
                error.getMessage());
    }

    @Test
    void createFunction_java25_isAccepted() {
        assertEquals("java25", lambda.createFunction(function("new-java").runtime("java25").build()).runtimeAsString());
    }

    @Test
    void createFunction_otherRuntime_isRefused_localcloudRunsJavaOnly() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("py").runtime("python3.12").handler("app.handler").build()));
        assertTrue(error.awsErrorDetails().errorMessage().contains("Java functions only"), error.getMessage());
    }

    @Test
    void createFunction_sameNameTwice_isResourceConflict() {
        createActive("twice");
        ResourceConflictException error = assertThrows(ResourceConflictException.class,
                () -> lambda.createFunction(function("twice").build()));
        assertEquals(409, error.statusCode());
        assertEquals("Function already exist: twice", error.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_codeThatIsNotAZip_isRefused() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("not-zip").code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip at all"))).build()));
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_reservedEnvironmentVariable_isRefused() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("reserved").environment(e -> e.variables(Map.of("AWS_REGION", "x"))).build()));
        assertTrue(error.awsErrorDetails().errorMessage().endsWith("Reserved keys used in this request: AWS_REGION"), error.getMessage());
    }

    @Test
    void createFunction_timeoutAbove900_isAValidationError() {
        LambdaException error = assertThrows(LambdaException.class, () -> lambda.createFunction(function("slow").timeout(901).build()));
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
    }

    @Test
    void createFunction_roleThatDoesNotExist_cannotBeAssumedByLambda() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("no-role").role("arn:aws:iam::000000000000:role/missing").build()));
        assertEquals("The role defined for the function cannot be assumed by Lambda.", error.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_roleThatDoesNotTrustLambda_cannotBeAssumedByLambda() {
        String ec2Role = LambdaTesting.createRole(cloud, "ec2-role", LambdaTesting.TRUST_LAMBDA.replace("lambda", "ec2"));
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("wrong-trust").role(ec2Role).build()));
        assertEquals("The role defined for the function cannot be assumed by Lambda.", error.awsErrorDetails().errorMessage());
    }

    @Test
    void getFunction_unknown_isResourceNotFoundWithTheFunctionArn() {
        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("nope")));
        assertEquals(404, error.statusCode());
        assertEquals("Function not found: arn:aws:lambda:ap-northeast-2:000000000000:function:nope", error.awsErrorDetails().errorMessage());
    }

    @Test
    void getFunction_unknownBareNameInAnotherRegion_namesTheRegionOfTheRequest() {
        try (LambdaClient virginia = cloud.client(LambdaClient.builder()).region(Region.US_EAST_1).build()) {
            ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                    () -> virginia.getFunction(b -> b.functionName("nope").qualifier("$LATEST")));
            assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST",
                    error.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void getFunction_byArn_returnsConfigurationTagsAndACodeLocationThatDownloadsThePackage() throws Exception {
        lambda.createFunction(function("described").tags(Map.of("lab", "chat")).build());
        GetFunctionResponse function = lambda.getFunction(b -> b.functionName("arn:aws:lambda:ap-northeast-2:000000000000:function:described"));

        assertEquals("described", function.configuration().functionName());
        assertEquals(Map.of("lab", "chat"), function.tags());
        assertEquals("S3", function.code().repositoryType());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(function.code().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(zipBytes, download.body());
    }

    @Test
    void listFunctions_pagesWithMarkers() {
        for (String name : List.of("list-a", "list-b", "list-c")) {
            lambda.createFunction(function(name).build());
        }
        List<String> names = lambda.listFunctionsPaginator(b -> b.maxItems(2)).functions().stream()
                .map(FunctionConfiguration::functionName).filter(name -> name.startsWith("list-")).toList();
        assertEquals(List.of("list-a", "list-b", "list-c"), names);
        assertEquals(2, lambda.listFunctions(b -> b.maxItems(2)).functions().size());
    }

    @Test
    void updateFunctionConfiguration_isInProgressThenSuccessful_andChangesTheSettings() {
        createActive("configured");
        UpdateFunctionConfigurationResponse updated = lambda.updateFunctionConfiguration(b -> b.functionName("configured")
                .timeout(30).memorySize(512).environment(e -> e.variables(Map.of("TABLE_NAME", "ChatUsers"))));

        assertEquals(LastUpdateStatus.IN_PROGRESS, updated.lastUpdateStatus());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("configured"));
        GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(b -> b.functionName("configured"));
        assertEquals(LastUpdateStatus.SUCCESSFUL, config.lastUpdateStatus());
        assertEquals(30, config.timeout());
        assertEquals(512, config.memorySize());
        assertEquals(Map.of("TABLE_NAME", "ChatUsers"), config.environment().variables());
        assertEquals("fn.Upper", config.handler());
    }

    @Test
    void updateFunctionCode_changesTheCodeSha_andAStaleRevisionIdIsRefused() {
        createActive("recoded");
        GetFunctionConfigurationResponse before = lambda.getFunctionConfiguration(b -> b.functionName("recoded"));
        String revision = before.revisionId();
        byte[] other = HandlerPackages.zipBytes(Map.of("fn.Boom", TestHandlers.all().get("fn.Boom")));

        String newSha = lambda.updateFunctionCode(b -> b.functionName("recoded").zipFile(SdkBytes.fromByteArray(other))
                .revisionId(revision)).codeSha256();
        assertNotEquals(before.codeSha256(), newSha);
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("recoded"));
        PreconditionFailedException stale = assertThrows(PreconditionFailedException.class,
                () -> lambda.updateFunctionCode(b -> b.functionName("recoded").zipFile(zip).revisionId(revision)));
        assertEquals(412, stale.statusCode());
    }

    @Test
    void deleteFunction_removesIt() {
        createActive("doomed");
        lambda.deleteFunction(b -> b.functionName("doomed"));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("doomed")));
        assertThrows(ResourceNotFoundException.class, () -> lambda.deleteFunction(b -> b.functionName("doomed")));
    }

    @Test
    void addPermission_buildsTheResourcePolicy_getPolicyReturnsIt_removePermissionEmptiesIt() throws Exception {
        createActive("guarded");
        AddPermissionResponse added = lambda.addPermission(b -> b.functionName("guarded").statementId("apigw")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:ap-northeast-2:000000000000:abc123/*/GET/rooms/*"));

        JsonNode statement = JSON.readTree(added.statement());
        assertEquals("apigw", statement.path("Sid").asText());
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals("apigateway.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals("lambda:InvokeFunction", statement.path("Action").asText());
        assertEquals("arn:aws:lambda:ap-northeast-2:000000000000:function:guarded", statement.path("Resource").asText());
        assertEquals("arn:aws:execute-api:ap-northeast-2:000000000000:abc123/*/GET/rooms/*",
                statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText());

        JsonNode policy = JSON.readTree(lambda.getPolicy(b -> b.functionName("guarded")).policy());
        assertEquals("2012-10-17", policy.path("Version").asText());
        assertEquals(statement, policy.path("Statement").get(0));

        assertThrows(ResourceConflictException.class, () -> lambda.addPermission(b -> b.functionName("guarded").statementId("apigw")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")));
        lambda.removePermission(b -> b.functionName("guarded").statementId("apigw"));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getPolicy(b -> b.functionName("guarded")));
        assertThrows(ResourceNotFoundException.class, () -> lambda.removePermission(b -> b.functionName("guarded").statementId("apigw")));
    }

    @Test
    void invokeAsService_isAllowedOnlyByAMatchingResourcePolicyStatement() {
        createActive("integration");
        LambdaService service = cloud.cloud().services().lambda();
        String arn = "arn:aws:lambda:ap-northeast-2:000000000000:function:integration";
        String route = "arn:aws:execute-api:ap-northeast-2:000000000000:abc123/dev/GET/rooms/general/messages";
        byte[] payload = "{\"x\":\"y\"}".getBytes(StandardCharsets.UTF_8);

        AwsException none = assertThrows(AwsException.class, () -> service.invokeAsService(arn, "apigateway.amazonaws.com", route, payload));
        assertEquals("AccessDeniedException", none.code());

        lambda.addPermission(b -> b.functionName("integration").statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:ap-northeast-2:000000000000:abc123/*/GET/rooms/*"));
        InvokeResult result = service.invokeAsService(arn, "apigateway.amazonaws.com", route, payload);
        assertEquals("{\"X\":\"Y\"}", new String(result.payload(), StandardCharsets.UTF_8));

        String otherApi = "arn:aws:execute-api:ap-northeast-2:000000000000:zzz999/dev/GET/rooms/general/messages";
        assertThrows(AwsException.class, () -> service.invokeAsService(arn, "apigateway.amazonaws.com", otherApi, payload));
        assertThrows(AwsException.class, () -> service.invokeAsService(arn, "events.amazonaws.com", route, payload));
    }

    @Test
    void invoke_payloadThatIsNotJson_isInvalidRequestContent() {
        createActive("strict");
        InvalidRequestContentException error = assertThrows(InvalidRequestContentException.class,
                () -> lambda.invoke(b -> b.functionName("strict").payload(SdkBytes.fromUtf8String("{not json"))));
        assertEquals(400, error.statusCode());
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("Could not parse request body into json"));
    }

    @Test
    void tags_areAddedListedAndRemoved() {
        String arn = lambda.createFunction(function("tagged").tags(Map.of("a", "1")).build()).functionArn();
        lambda.tagResource(b -> b.resource(arn).tags(Map.of("b", "2")));
        assertEquals(Map.of("a", "1", "b", "2"), lambda.listTags(b -> b.resource(arn)).tags());
        lambda.untagResource(b -> b.resource(arn).tagKeys("a", "b"));
        assertEquals(Map.of(), lambda.listTags(b -> b.resource(arn)).tags());
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.listTags(b -> b.resource("arn:aws:lambda:ap-northeast-2:000000000000:function:untagged")));
    }
}
