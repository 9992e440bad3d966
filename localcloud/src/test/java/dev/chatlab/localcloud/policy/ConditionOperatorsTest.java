package dev.chatlab.localcloud.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each condition operator against the IAM User Guide's "Condition operators", "...IfExists",
 * "Conditions with multiple context keys or values" and "Multivalued context keys" pages.
 * A row: the Condition block, the request context ({@code key=v1|v2;key2=v}, "-" for none), and
 * whether an Allow statement carrying that condition allows s3:GetObject.
 */
class ConditionOperatorsTest {

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = '~', value = {
            // String
            "{'StringEquals':{'aws:username':'alice'}}                 ~ aws:username=alice            ~ allowed",
            "{'StringEquals':{'aws:username':'alice'}}                 ~ aws:username=Alice            ~ implicitDeny",
            "{'StringEquals':{'aws:username':['bob','alice']}}         ~ aws:username=alice            ~ allowed",
            "{'StringEquals':{'AWS:UserName':'alice'}}                 ~ aws:username=alice            ~ allowed",
            "{'StringNotEquals':{'aws:username':'alice'}}              ~ aws:username=bob              ~ allowed",
            "{'StringNotEquals':{'aws:username':['bob','alice']}}      ~ aws:username=bob              ~ implicitDeny",
            "{'StringEqualsIgnoreCase':{'aws:username':'ALICE'}}       ~ aws:username=alice            ~ allowed",
            "{'StringNotEqualsIgnoreCase':{'aws:username':'ALICE'}}    ~ aws:username=alice            ~ implicitDeny",
            "{'StringLike':{'s3:prefix':'home/*'}}                     ~ s3:prefix=home/alice/x        ~ allowed",
            "{'StringLike':{'s3:prefix':'home/?'}}                     ~ s3:prefix=home/ab             ~ implicitDeny",
            "{'StringNotLike':{'s3:prefix':['home/*','tmp/*']}}       ~ s3:prefix=etc/passwd          ~ allowed",
            "{'StringNotLike':{'s3:prefix':['home/*','tmp/*']}}       ~ s3:prefix=tmp/x               ~ implicitDeny",
            // Numeric
            "{'NumericLessThan':{'s3:max-keys':'10'}}                  ~ s3:max-keys=9                 ~ allowed",
            "{'NumericLessThan':{'s3:max-keys':'10'}}                  ~ s3:max-keys=10                ~ implicitDeny",
            "{'NumericLessThanEquals':{'s3:max-keys':'10'}}            ~ s3:max-keys=10                ~ allowed",
            "{'NumericGreaterThan':{'s3:max-keys':'10'}}               ~ s3:max-keys=10.5              ~ allowed",
            "{'NumericGreaterThanEquals':{'s3:max-keys':'10'}}         ~ s3:max-keys=9                 ~ implicitDeny",
            "{'NumericEquals':{'s3:max-keys':'10'}}                    ~ s3:max-keys=10.0              ~ allowed",
            "{'NumericNotEquals':{'s3:max-keys':'10'}}                 ~ s3:max-keys=11                ~ allowed",
            "{'NumericEquals':{'s3:max-keys':'10'}}                    ~ s3:max-keys=ten               ~ implicitDeny",
            // Date: ISO 8601 and epoch seconds, on either side
            "{'DateGreaterThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}      ~ aws:CurrentTime=2026-11-25T18:00:00Z ~ allowed",
            "{'DateLessThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}         ~ aws:CurrentTime=2026-11-25T18:00:00Z ~ implicitDeny",
            "{'DateLessThan':{'aws:CurrentTime':'2027-01-01'}}                   ~ aws:CurrentTime=2026-11-25T18:00:00Z ~ allowed",
            "{'DateGreaterThanEquals':{'aws:EpochTime':'1764093600'}}            ~ aws:EpochTime=2025-11-25T18:00:00Z   ~ allowed",
            "{'DateEquals':{'aws:CurrentTime':'2026-11-25T19:00:00+01:00'}}      ~ aws:CurrentTime=2026-11-25T18:00:00Z ~ allowed",
            "{'DateNotEquals':{'aws:CurrentTime':'2026-11-25T18:00:00Z'}}        ~ aws:CurrentTime=1795975200           ~ allowed",
            "{'DateLessThanEquals':{'aws:CurrentTime':'1764093600'}}             ~ aws:CurrentTime=1764093600           ~ allowed",
            // Bool
            "{'Bool':{'aws:SecureTransport':'true'}}                   ~ aws:SecureTransport=true      ~ allowed",
            "{'Bool':{'aws:SecureTransport':'false'}}                  ~ aws:SecureTransport=TRUE      ~ implicitDeny",
            "{'Bool':{'aws:SecureTransport':false}}                    ~ aws:SecureTransport=false     ~ allowed",
            // IP addresses, v4 and v6, with and without a prefix length
            "{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}           ~ aws:SourceIp=203.0.113.77     ~ allowed",
            "{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}           ~ aws:SourceIp=203.0.114.1      ~ implicitDeny",
            "{'IpAddress':{'aws:SourceIp':['10.0.0.0/8','127.0.0.1']}} ~ aws:SourceIp=127.0.0.1        ~ allowed",
            "{'IpAddress':{'aws:SourceIp':'2001:db8::/32'}}            ~ aws:SourceIp=2001:db8:1::5    ~ allowed",
            "{'IpAddress':{'aws:SourceIp':'2001:db8::/32'}}            ~ aws:SourceIp=203.0.113.1      ~ implicitDeny",
            "{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}        ~ aws:SourceIp=198.51.100.1     ~ allowed",
            "{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}        ~ aws:SourceIp=203.0.113.1      ~ implicitDeny",
            "{'IpAddress':{'aws:SourceIp':'example.com'}}              ~ aws:SourceIp=93.184.216.34    ~ implicitDeny",
            // ARN: ArnEquals and ArnLike both match part by part with wildcards
            "{'ArnEquals':{'aws:SourceArn':'arn:aws:execute-api:ap-northeast-2:000000000000:abc/*'}} ~ aws:SourceArn=arn:aws:execute-api:ap-northeast-2:000000000000:abc/dev/GET/rooms ~ allowed",
            "{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::lab-*'}}        ~ aws:SourceArn=arn:aws:s3:::lab-bucket       ~ allowed",
            "{'ArnLike':{'aws:SourceArn':'arn:aws:s3:*:*:lab-*'}}      ~ aws:SourceArn=arn:aws:s3:::lab-bucket       ~ allowed",
            "{'ArnLike':{'aws:SourceArn':'arn:aws:lambda:*:*:function:chat-*'}} ~ aws:SourceArn=arn:aws:lambda:ap-northeast-2:000000000000:function:chat-connect ~ allowed",
            "{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::lab-*'}}        ~ aws:SourceArn=arn:aws:sqs:::lab-bucket      ~ implicitDeny",
            "{'ArnNotLike':{'aws:SourceArn':'arn:aws:s3:::lab-*'}}     ~ aws:SourceArn=arn:aws:s3:::other            ~ allowed",
            "{'ArnNotEquals':{'aws:SourceArn':'arn:aws:s3:::lab'}}     ~ aws:SourceArn=arn:aws:s3:::lab              ~ implicitDeny",
            // Binary
            "{'BinaryEquals':{'key':'QmluYXJ5VmFsdWU='}}               ~ key=QmluYXJ5VmFsdWU=          ~ allowed",
            "{'BinaryEquals':{'key':'QmluYXJ5VmFsdWU='}}               ~ key=T3RoZXI=                  ~ implicitDeny",
            // Null tests presence
            "{'Null':{'aws:TokenIssueTime':'true'}}                    ~ -                             ~ allowed",
            "{'Null':{'aws:TokenIssueTime':'true'}}                    ~ aws:TokenIssueTime=2026-01-01T00:00:00Z ~ implicitDeny",
            "{'Null':{'aws:TokenIssueTime':'false'}}                   ~ aws:TokenIssueTime=2026-01-01T00:00:00Z ~ allowed",
            // A key missing from the request: false, except negated operators (true) and ...IfExists (true)
            "{'StringEquals':{'aws:username':'alice'}}                 ~ -                             ~ implicitDeny",
            "{'StringLike':{'aws:username':'*'}}                       ~ -                             ~ implicitDeny",
            "{'StringNotEquals':{'aws:username':'alice'}}              ~ -                             ~ allowed",
            "{'NotIpAddress':{'aws:SourceIp':'10.0.0.0/8'}}            ~ -                             ~ allowed",
            "{'ArnNotLike':{'aws:SourceArn':'arn:aws:s3:::x'}}         ~ -                             ~ allowed",
            "{'NumericLessThan':{'s3:max-keys':'10'}}                  ~ -                             ~ implicitDeny",
            "{'StringEqualsIfExists':{'aws:username':'alice'}}         ~ -                             ~ allowed",
            "{'StringEqualsIfExists':{'aws:username':'alice'}}         ~ aws:username=bob              ~ implicitDeny",
            "{'StringEqualsIfExists':{'aws:username':'alice'}}         ~ aws:username=alice            ~ allowed",
            "{'BoolIfExists':{'aws:MultiFactorAuthPresent':'false'}}   ~ -                             ~ allowed",
            "{'IpAddressIfExists':{'aws:SourceIp':'10.0.0.0/8'}}       ~ aws:SourceIp=192.168.0.1      ~ implicitDeny",
            "{'ArnLikeIfExists':{'aws:SourceArn':'arn:aws:s3:::lab-*'}} ~ -                            ~ allowed",
            // All operators AND, all keys AND
            "{'StringEquals':{'aws:username':'alice'},'Bool':{'aws:SecureTransport':'true'}} ~ aws:username=alice;aws:SecureTransport=false ~ implicitDeny",
            "{'StringEquals':{'aws:username':'alice','aws:PrincipalAccount':'000000000000'}} ~ aws:username=alice;aws:PrincipalAccount=000000000000 ~ allowed",
            "{'StringEquals':{'aws:username':'alice','aws:PrincipalAccount':'000000000000'}} ~ aws:username=alice ~ implicitDeny",
            // Set operators on multivalued keys
            "{'ForAnyValue:StringEquals':{'aws:TagKeys':['env','team']}}    ~ aws:TagKeys=env|cost          ~ allowed",
            "{'ForAnyValue:StringEquals':{'aws:TagKeys':['env','team']}}    ~ aws:TagKeys=cost|owner        ~ implicitDeny",
            "{'ForAnyValue:StringEquals':{'aws:TagKeys':['env','team']}}    ~ -                             ~ implicitDeny",
            "{'ForAllValues:StringEquals':{'aws:TagKeys':['env','team']}}   ~ aws:TagKeys=env|team          ~ allowed",
            "{'ForAllValues:StringEquals':{'aws:TagKeys':['env','team']}}   ~ aws:TagKeys=env|cost          ~ implicitDeny",
            "{'ForAllValues:StringEquals':{'aws:TagKeys':['env','team']}}   ~ -                             ~ allowed",
            "{'ForAllValues:StringLike':{'aws:TagKeys':'Created*'}}         ~ aws:TagKeys=CreatedBy|CreatedAt ~ allowed",
            "{'ForAllValues:StringNotLike':{'aws:TagKeys':'key1*'}}         ~ aws:TagKeys=key2:audit        ~ allowed",
            "{'ForAllValues:StringNotLike':{'aws:TagKeys':'key1*'}}         ~ aws:TagKeys=key1:hr|key2:x    ~ implicitDeny",
            "{'ForAllValues:StringNotLike':{'aws:TagKeys':'key1*'}}         ~ -                             ~ allowed",
            "{'ForAnyValue:StringNotEquals':{'aws:TagKeys':'env'}}          ~ aws:TagKeys=env|cost          ~ allowed",
            "{'ForAnyValue:StringNotEquals':{'aws:TagKeys':'env'}}          ~ aws:TagKeys=env               ~ implicitDeny",
            "{'ForAnyValue:StringNotEquals':{'aws:TagKeys':'env'}}          ~ -                             ~ implicitDeny",
            "{'ForAnyValue:IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}        ~ aws:SourceIp=192.168.0.1|10.1.2.3 ~ allowed",
            "{'ForAllValues:NumericLessThan':{'s3:max-keys':'10'}}          ~ s3:max-keys=1|2|30            ~ implicitDeny",
    })
    void conditionOperator(String condition, String context, String expected) {
        String policy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':"
                + condition.trim() + "}]}";
        PolicyDocument document = PolicyDocument.parse(policy.replace('\'', '"'), PolicyKind.IDENTITY);
        AuthorizationRequest request = new AuthorizationRequest(Principal.aws("arn:aws:iam::000000000000:root", "000000000000"),
                "s3:GetObject", "arn:aws:s3:::b/k", context(context.trim()));

        Decision decision = new PolicyEngine().evaluate(request, List.of(document), null).decision();

        assertEquals(expected.trim(), decision.simulatorName());
    }

    static Map<String, List<String>> context(String text) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (text.equals("-")) {
            return context;
        }
        for (String entry : text.split(";")) {
            int eq = entry.indexOf('=');
            context.put(entry.substring(0, eq), Arrays.asList(entry.substring(eq + 1).split("\\|")));
        }
        return context;
    }
}
