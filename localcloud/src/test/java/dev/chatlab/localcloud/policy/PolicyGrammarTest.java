package dev.chatlab.localcloud.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What IAM answers (MalformedPolicyDocument's message) for documents it refuses, as observed on
 * AWS for CreatePolicy, PutRolePolicy and CreateRole.
 */
class PolicyGrammarTest {

    /** Identity policies (CreatePolicy / PutRolePolicy). */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '~', value = {
            "This is not a json document ~ Syntax errors in policy.",
            "{'Version':'2013-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17'} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':[]} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*'},'Extra field':'value'} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Extra field':'value'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Id':['x'],'Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'invalid','Action':'s3:ListBucket','Resource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Action':'s3:ListBucket','Resource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'invalid','Resource':'*'}} ~ Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'invalid resource'}} ~ Resource invalid resource must be in ARN format or \"*\".",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws'}} ~ Resource vendor must be fully qualified and cannot contain regexes.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3::example_bucket'}} ~ The policy failed legacy parsing",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket'}} ~ Policy statement must contain resources.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Resource':'*'}} ~ Policy statement must contain actions.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow'}} ~ Policy statement must contain actions.",
            "{'Version':'2012-10-17','Statement':[{'Effect':'Deny'},{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}]} ~ Policy statement must contain actions.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':{'a':'b'}}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':[]}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':{'a':'b'}}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':{'DateGreaterThan':'b'}}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':{'DateGreaterThan':{'a':{}}}}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Resource':'*','Condition':{'DateGreaterThan':{'a':{}}}}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':{'StringEqualz':{'a':'b'}}}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Sid':{},'Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Sid':'has-dash','Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}} ~ Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
            "{'Version':'2012-10-17','Statement':[{'Sid':'sdf','Effect':'Allow','Action':'s3:ListBucket','Resource':'*'},{'Sid':'sdf','Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}]} ~ Statement IDs (SID) in a single policy must be unique.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','NotAction':'s3:ListBucket','Action':'iam:dsf','Resource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','NotResource':'*'}} ~ Syntax errors in policy.",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Principal':'*','Action':'s3:ListBucket','Resource':'*'}} ~ Policy document should not specify a principal.",
            "{'Statement':{'Effect':'allow','Action':'s3:ListBucket','Resource':'*'}} ~ The policy failed legacy parsing",
    })
    void identityPolicy_isRefusedWithIamsMessage(String json, String message) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> PolicyDocument.parse(json.trim().replace('\'', '"'), PolicyKind.IDENTITY));
        assertEquals(message.trim(), e.getMessage());
    }

    /** Trust policies (CreateRole / UpdateAssumeRolePolicy). */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '~', value = {
            "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole','Resource':'*'}]} ~ Has prohibited field Resource",
            "{'Version':'2012-10-17','statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]} ~ Unknown field statement",
            "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole','_comment':'x'}]} ~ Unknown field _comment",
            "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'eks.amazonaws.com.cn'},'Action':'sts:AssumeRole'}]} ~ Invalid principal in policy: \"SERVICE\":\"eks.amazonaws.com.cn\"",
            "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'alice'},'Action':'sts:AssumeRole'}]} ~ Invalid principal in policy: \"AWS\":\"alice\"",
            "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole'}]} ~ Missing required field Principal",
            "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'}}]} ~ Policy statement must contain actions.",
            "{'Statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole','Resource':'*'}]} ~ The policy failed legacy parsing",
    })
    void trustPolicy_isRefusedWithIamsMessage(String json, String message) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> PolicyDocument.parse(json.trim().replace('\'', '"'), PolicyKind.TRUST));
        assertEquals(message.trim(), e.getMessage());
    }

    @Test
    void documentWithoutVersion_isAccepted_asTheLegacyLanguage() {
        PolicyDocument document = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", PolicyKind.IDENTITY);
        assertEquals("2008-10-17", document.version());
    }

    @Test
    void trustPolicy_forLambda_parses_withPrincipalAndNoResource() {
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", PolicyKind.TRUST);
        assertEquals(List.of("lambda.amazonaws.com"), trust.statements().get(0).principals().get("Service"));
    }

    @Test
    void duplicateKeys_areASyntaxError() {
        assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[]}", PolicyKind.IDENTITY));
    }
}
