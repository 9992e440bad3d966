package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.route53.Route53Client;

/** API Gateway (REST and WebSocket) and Route53 resource types, their Ref and GetAtt values, made through their services. */
class CloudFormationApiAndDnsTest {

    private static TestCloud cloud;
    private static CloudFormationClient cfn;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cfn = cloud.client(CloudFormationClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static final String TEMPLATE = """
            Resources:
              Rest:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: history}
              Messages:
                Type: AWS::ApiGateway::Resource
                Properties: {RestApiId: !Ref Rest, ParentId: !GetAtt Rest.RootResourceId, PathPart: messages}
              GetMessages:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Rest
                  ResourceId: !Ref Messages
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration: {Type: MOCK, RequestTemplates: {application/json: '{"statusCode": 200}'}}
              RestDeployment:
                Type: AWS::ApiGateway::Deployment
                DependsOn: GetMessages
                Properties: {RestApiId: !Ref Rest}
              RestStage:
                Type: AWS::ApiGateway::Stage
                Properties: {RestApiId: !Ref Rest, StageName: prod, DeploymentId: !Ref RestDeployment}
              Chat:
                Type: AWS::ApiGatewayV2::Api
                Properties: {Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
              Integration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Chat
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:connect/invocations"
              Connect:
                Type: AWS::ApiGatewayV2::Route
                Properties: {ApiId: !Ref Chat, RouteKey: $connect, Target: !Sub "integrations/${Integration}"}
              ChatDeployment:
                Type: AWS::ApiGatewayV2::Deployment
                DependsOn: Connect
                Properties: {ApiId: !Ref Chat}
              ChatStage:
                Type: AWS::ApiGatewayV2::Stage
                Properties: {ApiId: !Ref Chat, StageName: dev, DeploymentId: !Ref ChatDeployment}
              Zone:
                Type: AWS::Route53::HostedZone
                Properties: {Name: cfn.chatlab.test, HostedZoneConfig: {Comment: made by a stack}}
              Www:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneId: !Ref Zone
                  Name: www.cfn.chatlab.test
                  Type: A
                  TTL: "60"
                  ResourceRecords: [192.0.2.1]
            Outputs:
              RestApi: {Value: !Ref Rest}
              Stage: {Value: !Ref RestStage}
              ChatEndpoint: {Value: !GetAtt Chat.ApiEndpoint}
              ChatStage: {Value: !Ref ChatStage}
              ZoneId: {Value: !Ref Zone}
              NameServer: {Value: !Select [0, !GetAtt Zone.NameServers]}
              Record: {Value: !Ref Www}
            """;

    @Test
    void apisAndDns_areMadeThroughTheirServices_andDeletedWithTheStack() {
        CloudFormationTesting.createAndWait(cfn, "apis", TEMPLATE);
        Map<String, String> out = cfn.describeStacks(r -> r.stackName("apis")).stacks().get(0).outputs().stream()
                .collect(Collectors.toMap(Output::outputKey, Output::outputValue));

        ApiGatewayClient rest = cloud.client(ApiGatewayClient.builder()).build();
        assertTrue(rest.getResources(r -> r.restApiId(out.get("RestApi"))).items().stream().anyMatch(r -> "/messages".equals(r.path())));
        assertEquals("prod", out.get("Stage"));
        assertEquals("MOCK", rest.getIntegration(r -> r.restApiId(out.get("RestApi"))
                .resourceId(rest.getResources(q -> q.restApiId(out.get("RestApi"))).items().stream().filter(x -> "/messages".equals(x.path()))
                        .findFirst().orElseThrow().id()).httpMethod("GET")).typeAsString());
        assertTrue(rest.getStage(r -> r.restApiId(out.get("RestApi")).stageName("prod")).deploymentId() != null);

        ApiGatewayV2Client v2 = cloud.client(ApiGatewayV2Client.builder()).build();
        String chatId = v2.getApis().items().stream().filter(a -> a.name().equals("chat")).findFirst().orElseThrow().apiId();
        assertEquals(v2.getApi(r -> r.apiId(chatId)).apiEndpoint(), out.get("ChatEndpoint"));
        assertEquals("$connect", v2.getRoutes(r -> r.apiId(chatId)).items().get(0).routeKey());
        assertEquals("dev", out.get("ChatStage"));

        Route53Client route53 = cloud.client(Route53Client.builder()).build();
        var records = route53.listResourceRecordSets(r -> r.hostedZoneId(out.get("ZoneId"))).resourceRecordSets();
        assertTrue(records.stream().anyMatch(r -> r.name().equals("www.cfn.chatlab.test.") && r.resourceRecords().get(0).value().equals("192.0.2.1")));
        assertEquals("www.cfn.chatlab.test", out.get("Record"));
        assertTrue(!out.get("NameServer").isEmpty());

        cfn.deleteStack(r -> r.stackName("apis"));
        cfn.waiter().waitUntilStackDeleteComplete(DescribeStacksRequest.builder().stackName("apis").build(), CloudFormationTesting.FAST);
        assertTrue(rest.getRestApis().items().isEmpty());
        assertTrue(v2.getApis().items().isEmpty());
        assertTrue(route53.listHostedZones().hostedZones().isEmpty());
    }
}
