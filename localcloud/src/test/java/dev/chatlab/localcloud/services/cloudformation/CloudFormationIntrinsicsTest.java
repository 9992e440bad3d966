package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** Template parsing (YAML short forms, JSON) and every intrinsic function, read back from a stack's outputs. */
class CloudFormationIntrinsicsTest {

    private static TestCloud cloud;
    private static CloudFormationClient cfn;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cfn = cloud.client(CloudFormationClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        cfn.close();
        cloud.close();
    }

    private static final String EXPORTER = """
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
            Outputs:
              Shared:
                Value: !Sub "${Logs}-shared"
                Export:
                  Name: shared-value
            """;

    private static final String YAML = """
            AWSTemplateFormatVersion: 2010-09-09
            Description: every intrinsic
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
                Default: dev
              Sizes:
                Type: CommaDelimitedList
                Default: "a,b,c"
              Secret:
                Type: String
                NoEcho: true
            Mappings:
              ByEnv:
                dev: {Capacity: 1}
                prod: {Capacity: 5}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
              Both: !And [!Condition IsDev, !Equals ["x", "x"]]
              Either: !Or [!Condition IsProd, !Equals [!Ref "AWS::Region", ap-northeast-2]]
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub "/lab/${AWS::StackName}/${Env}"
                  RetentionInDays: !If [IsProd, 30, !Ref "AWS::NoValue"]
              ProdOnly:
                Type: AWS::Logs::LogGroup
                Condition: IsProd
            Outputs:
              Ref: {Value: !Ref Logs}
              GetAtt: {Value: !GetAtt Logs.Arn}
              GetAttLong: {Value: {"Fn::GetAtt": [Logs, Arn]}}
              Sub: {Value: !Sub "${AWS::Region}:${AWS::AccountId}:${AWS::Partition}:${AWS::URLSuffix}:${!Literal}"}
              SubMap: {Value: !Sub ["${Greeting}, ${Name}", {Greeting: Hello, Name: !Ref Env}]}
              Join: {Value: !Join ["-", [a, !Ref Env, !Select [1, !Ref Sizes]]]}
              Split: {Value: !Select [2, !Split [",", "x,y,z"]]}
              If: {Value: !If [IsProd, big, small]}
              Both: {Value: !If [Both, yes, no]}
              Either: {Value: !If [Either, yes, no]}
              FindInMap: {Value: !FindInMap [ByEnv, !Ref Env, Capacity]}
              GetAZs: {Value: !Select [0, !GetAZs ""]}
              Base64: {Value: !Base64 hello}
              Import: {Value: !ImportValue shared-value}
              StackName: {Value: !Ref "AWS::StackName"}
              ProdOnly: {Value: !Ref ProdOnly, Condition: IsProd}
            """;

    @Test
    void yamlTemplate_everyIntrinsic_givesAwsValues() {
        CloudFormationTesting.createAndWait(cfn, "exporter", EXPORTER);
        CloudFormationTesting.createAndWait(cfn, "intrinsics", YAML, Parameter.builder().parameterKey("Secret").parameterValue("hush").build());

        var stack = cfn.describeStacks(r -> r.stackName("intrinsics")).stacks().get(0);
        assertEquals(StackStatus.CREATE_COMPLETE, stack.stackStatus());
        Map<String, String> out = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        assertEquals("/lab/intrinsics/dev", out.get("Ref"));
        assertEquals("arn:aws:logs:ap-northeast-2:000000000000:log-group:/lab/intrinsics/dev:*", out.get("GetAtt"));
        assertEquals(out.get("GetAtt"), out.get("GetAttLong"));
        assertEquals("ap-northeast-2:000000000000:aws:amazonaws.com:${Literal}", out.get("Sub"));
        assertEquals("Hello, dev", out.get("SubMap"));
        assertEquals("a-dev-b", out.get("Join"));
        assertEquals("z", out.get("Split"));
        assertEquals("small", out.get("If"));
        assertEquals("yes", out.get("Both"));
        assertEquals("yes", out.get("Either"));
        assertEquals("1", out.get("FindInMap"));
        assertEquals("ap-northeast-2a", out.get("GetAZs"));
        assertEquals("aGVsbG8=", out.get("Base64"));
        assertTrue(out.get("Import").endsWith("-shared"), out.get("Import"));
        assertEquals("intrinsics", out.get("StackName"));
        assertTrue(!out.containsKey("ProdOnly"), "an output whose condition is false is left out");
        assertEquals(1, cfn.listStackResources(r -> r.stackName("intrinsics")).stackResourceSummaries().size(), "ProdOnly is not created");
        var secret = stack.parameters().stream().filter(p -> p.parameterKey().equals("Secret")).findFirst().orElseThrow();
        assertEquals("****", secret.parameterValue(), "NoEcho parameters are masked");
    }

    @Test
    void selectOfASplitAttribute_waitsForTheResource_asAwsEvaluatesItWhenTheResourceIsMade() {
        // A change set is made before the log group exists: the parts of its Arn are not known yet.
        CloudFormationTesting.createAndWait(cfn, "split-attribute", """
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {LogGroupName: /lab/split}
                  Second:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Join ["", ["/lab/", !Select [3, !Split [":", !GetAtt Logs.Arn]]]]
                Outputs:
                  Region: {Value: !Select [3, !Split [":", !GetAtt Logs.Arn]]}
                  Second: {Value: !Ref Second}
                """);
        var stack = cfn.describeStacks(r -> r.stackName("split-attribute")).stacks().get(0);
        assertEquals(StackStatus.CREATE_COMPLETE, stack.stackStatus(), stack.stackStatusReason());
        Map<String, String> out = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        assertEquals("ap-northeast-2", out.get("Region"));
        assertEquals("/lab/ap-northeast-2", out.get("Second"));
    }

    @Test
    void jsonTemplate_isReadLikeYaml() {
        String json = """
                {"Parameters": {"Name": {"Type": "String"}},
                 "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Join": ["/", ["", "json", {"Ref": "Name"}]]}}}},
                 "Outputs": {"Name": {"Value": {"Ref": "Logs"}}}}
                """;
        CloudFormationTesting.createAndWait(cfn, "json-template", json, Parameter.builder().parameterKey("Name").parameterValue("x").build());
        var stack = cfn.describeStacks(r -> r.stackName("json-template")).stacks().get(0);
        assertEquals("/json/x", stack.outputs().get(0).outputValue());
        assertEquals(json, cfn.getTemplate(r -> r.stackName("json-template")).templateBody(), "GetTemplate answers the body as sent");
    }

    @Test
    void templateErrors_areValidationErrorsWithAwsWording() {
        assertError("Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template", """
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {LogGroupName: !Ref Missing}
                """);
        assertError("Template format error: Unrecognized resource types: [AWS::Nope::Thing]", """
                Resources:
                  Thing: {Type: AWS::Nope::Thing}
                """);
        assertError("Template format error: At least one Resources member must be defined.", "Description: nothing\n");
        assertError("Template format error: YAML not well-formed. (line 3, column 1)", "Resources:\n  A: [\n");
        assertError("Template error: resource Logs does not support attribute type Nope in Fn::GetAtt", """
                Resources:
                  Logs: {Type: AWS::Logs::LogGroup}
                Outputs:
                  X: {Value: !GetAtt Logs.Nope}
                """);
        assertError("Circular dependency between resources: [A, B]", """
                Resources:
                  A: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: !Ref B}}
                  B: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: !Ref A}}
                """);
        assertError("Parameters: [Env] must have values", """
                Parameters: {Env: {Type: String}}
                Resources:
                  A: {Type: AWS::Logs::LogGroup}
                """);
        assertError("Template error: Unable to get mapping for M::x::y", """
                Mappings: {M: {a: {b: c}}}
                Resources:
                  A: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: !FindInMap [M, x, y]}}
                """);
    }

    @Test
    void parameterNotInAllowedValues_isRefused() {
        var error = assertThrows(CloudFormationException.class, () -> cfn.createStack(r -> r.stackName("allowed").templateBody("""
                Parameters: {Env: {Type: String, AllowedValues: [dev, prod]}}
                Resources:
                  A: {Type: AWS::Logs::LogGroup}
                """).parameters(Parameter.builder().parameterKey("Env").parameterValue("test").build())));
        assertEquals("Parameter 'Env' must be one of AllowedValues", error.awsErrorDetails().errorMessage());
    }

    private static void assertError(String message, String template) {
        var error = assertThrows(CloudFormationException.class, () -> cfn.createStack(r -> r.stackName("bad").templateBody(template)));
        assertEquals("ValidationError", error.awsErrorDetails().errorCode());
        assertEquals(400, error.statusCode());
        assertEquals(message, error.awsErrorDetails().errorMessage());
    }
}
