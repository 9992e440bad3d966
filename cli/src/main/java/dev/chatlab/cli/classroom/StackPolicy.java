package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.Names;
import java.util.List;
import java.util.Map;

/**
 * The second policy of a class's students, for step 9: the chat as one CloudFormation stack.
 * CloudFormation creates a stack's resources with its caller's permissions, under names it makes
 * up from the stack's ({@code chat-kim-serverless-ConnectFunction-1A2B3C}), so the policy allows
 * what the template declares on names that start with the student's stack name; the APIs are
 * covered by {@link ClassPolicy}'s tag statements, since the stack passes its tags on to them.
 * A second managed policy, because the first is close to IAM's 6,144 characters.
 */
final class StackPolicy {

    /** What a SAM template needs besides its stack: AWS evaluates CreateChangeSet on the transform too. */
    static final String SAM_TRANSFORM = "transform/Serverless-2016-10-31";

    private final ClassPolicy lab;

    StackPolicy(ClassPolicy lab) {
        this.lab = lab;
    }

    String json() {
        Names names = lab.names();
        String stack = names.stack();
        String artifacts = "arn:aws:s3:::" + names.artifactsBucket();
        String role = "arn:aws:iam::*:role/" + stack + "-*";
        String logGroups = lab.arn("logs", "log-group:" + Names.logGroup(stack + "-*"));
        return new PolicyDocument()
                .allow("OwnStack", List.of("cloudformation:CreateChangeSet", "cloudformation:DescribeChangeSet", "cloudformation:ExecuteChangeSet",
                        "cloudformation:DeleteChangeSet", "cloudformation:ListChangeSets", "cloudformation:DescribeStacks",
                        "cloudformation:DescribeStackEvents", "cloudformation:DescribeStackResources", "cloudformation:GetTemplate",
                        "cloudformation:DeleteStack"), List.of(lab.arn("cloudformation", "stack/" + stack + "/*")))
                .allow("TheServerlessTransform", List.of("cloudformation:CreateChangeSet"),
                        List.of("arn:aws:cloudformation:" + lab.region() + ":aws:" + SAM_TRANSFORM))
                .allow("OwnArtifactsBucket", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:GetBucketLocation",
                        "s3:PutBucketTagging", "s3:GetBucketTagging"), List.of(artifacts))
                .allow("OwnArtifacts", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of(artifacts + "/*"))
                .allow("StackBuckets", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:GetBucketLocation",
                        "s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock", "s3:PutBucketPolicy", "s3:GetBucketPolicy",
                        "s3:DeleteBucketPolicy", "s3:PutBucketWebsite", "s3:GetBucketWebsite", "s3:DeleteBucketWebsite", "s3:PutBucketTagging",
                        "s3:GetBucketTagging"), List.of("arn:aws:s3:::" + stack + "-*"))
                .allow("StackBucketsObjects", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of("arn:aws:s3:::" + stack + "-*/*"))
                .allow("StackTables", List.of("dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable", "dynamodb:UpdateTable",
                        "dynamodb:DescribeTimeToLive", "dynamodb:DescribeContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource",
                        "dynamodb:ListTagsOfResource", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"),
                        List.of(lab.arn("dynamodb", "table/" + stack + "-*")))
                .allow("StackRoles", List.of("iam:CreateRole", "iam:GetRole", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole",
                        "iam:UntagRole", "iam:ListRoleTags", "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy",
                        "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy"), List.of(role))
                .allow("StackRolesGetOnlyTheLogsPolicy", List.of("iam:AttachRolePolicy"), List.of(role),
                        Map.of("ArnEquals", Map.of("iam:PolicyARN", ClassPolicy.LOGS_POLICY)))
                .allow("PassStackRolesToLambdaOnly", List.of("iam:PassRole"), List.of(role),
                        Map.of("StringEquals", Map.of("iam:PassedToService", "lambda.amazonaws.com")))
                .allow("StackFunctions", List.of("lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction",
                        "lambda:GetFunctionConfiguration", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                        "lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy", "lambda:InvokeFunction", "lambda:TagResource",
                        "lambda:UntagResource", "lambda:ListTags"), List.of(lab.arn("lambda", "function:" + stack + "-*")))
                .allow("StackFunctionsLogs", List.of("logs:FilterLogEvents", "logs:GetLogEvents", "logs:DeleteLogGroup"),
                        List.of(logGroups, logGroups + ":*"))
                .json();
    }
}
