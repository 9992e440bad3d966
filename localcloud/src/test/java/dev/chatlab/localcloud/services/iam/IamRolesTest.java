package dev.chatlab.localcloud.services.iam;

import static dev.chatlab.localcloud.services.iam.IamTesting.assertIamError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

class IamRolesTest extends WithIamCloud {


    @Test
    void createRole_answersRoleWithAroaIdArnAndUrlEncodedTrustPolicy() {
        Role role = iam.createRole(r -> r.roleName("create-answer").assumeRolePolicyDocument(LAMBDA_TRUST).description("chat")).role();

        assertEquals("create-answer", role.roleName());
        assertEquals("arn:aws:iam::000000000000:role/create-answer", role.arn());
        assertEquals("/", role.path());
        assertTrue(role.roleId().matches("AROA[A-Z0-9]{17}"), role.roleId());
        assertEquals(LAMBDA_TRUST, URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertEquals("chat", role.description());
        assertEquals(3600, role.maxSessionDuration());
        assertTrue(role.createDate() != null);
    }

    @Test
    void iamClient_inTheGlobalRegion_reachesIam() {
        try (IamClient global = cloud.client(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            global.createRole(r -> r.roleName("global").assumeRolePolicyDocument(LAMBDA_TRUST));
            assertEquals("global", global.getRole(r -> r.roleName("global")).role().roleName());
        }
    }

    @Test
    void createRole_withPath_putsPathIntoArn() {
        Role role = iam.createRole(r -> r.roleName("pathed").path("/service-role/").assumeRolePolicyDocument(LAMBDA_TRUST)).role();

        assertEquals("arn:aws:iam::000000000000:role/service-role/pathed", role.arn());
    }

    @Test
    void createRole_twice_isEntityAlreadyExists_evenInOtherCase() {
        iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(LAMBDA_TRUST));

        EntityAlreadyExistsException e = assertThrows(EntityAlreadyExistsException.class,
                () -> iam.createRole(r -> r.roleName("TWICE").assumeRolePolicyDocument(LAMBDA_TRUST)));
        assertEquals(409, e.statusCode());
        assertEquals("EntityAlreadyExists", e.awsErrorDetails().errorCode());
    }

    @Test
    void createRole_trustPolicyNotJson_isMalformedPolicyDocument() {
        MalformedPolicyDocumentException e = assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.createRole(r -> r.roleName("bad-json").assumeRolePolicyDocument("{not json")));
        assertEquals(400, e.statusCode());
        assertEquals("Syntax errors in policy.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void createRole_trustPolicyWithResource_isMalformedPolicyDocument_hasProhibitedFieldResource() {
        String withResource = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}""";
        assertIamError(MalformedPolicyDocumentException.class, "Has prohibited field Resource",
                () -> iam.createRole(r -> r.roleName("with-resource").assumeRolePolicyDocument(withResource)));
    }

    @Test
    void createRole_trustPolicyWithMisspelledService_isInvalidPrincipal() {
        String typo = LAMBDA_TRUST.replace("lambda.amazonaws.com", "lambda.amazonaws.co");
        assertIamError(MalformedPolicyDocumentException.class, "Invalid principal in policy: \"SERVICE\":\"lambda.amazonaws.co\"",
                () -> iam.createRole(r -> r.roleName("typo").assumeRolePolicyDocument(typo)));
    }

    @Test
    void createRole_trustPolicyNamingMissingRole_isInvalidPrincipal() {
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:role/nobody"},"Action":"sts:AssumeRole"}]}""";
        assertIamError(MalformedPolicyDocumentException.class, "Invalid principal in policy: \"AWS\":\"arn:aws:iam::000000000000:role/nobody\"",
                () -> iam.createRole(r -> r.roleName("names-nobody").assumeRolePolicyDocument(trust)));
    }

    @Test
    void createRole_badName_isValidationError() {
        IamException e = assertThrows(IamException.class,
                () -> iam.createRole(r -> r.roleName("has space").assumeRolePolicyDocument(LAMBDA_TRUST)));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("Member must satisfy regular expression pattern: [\\w+=,.@-]+"),
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void createRole_nameLongerThan64_isValidationError() {
        String name = "r".repeat(65);
        IamException e = assertThrows(IamException.class,
                () -> iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(LAMBDA_TRUST)));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("Member must have length less than or equal to 64"));
    }

    @Test
    void getRole_missing_isNoSuchEntity404() {
        NoSuchEntityException e = assertThrows(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("ghost")));
        assertEquals(404, e.statusCode());
        assertEquals("The role with name ghost cannot be found.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void getRole_answersTagsAndTrustPolicy() {
        iam.createRole(r -> r.roleName("tagged-at-create").assumeRolePolicyDocument(LAMBDA_TRUST)
                .tags(Tag.builder().key("lab").value("chat").build()));

        Role role = iam.getRole(r -> r.roleName("tagged-at-create")).role();

        assertEquals(List.of(Tag.builder().key("lab").value("chat").build()), role.tags());
        assertEquals(LAMBDA_TRUST, URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
    }

    @Test
    void listRoles_paginatesWithMarker() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            iam.createRole(r -> r.roleName("page-" + n).path("/paging/").assumeRolePolicyDocument(LAMBDA_TRUST));
        }
        var first = iam.listRoles(r -> r.pathPrefix("/paging/").maxItems(2));
        assertEquals(2, first.roles().size());
        assertTrue(first.isTruncated());

        var second = iam.listRoles(r -> r.pathPrefix("/paging/").maxItems(2).marker(first.marker()));
        assertEquals(List.of("page-2"), second.roles().stream().map(Role::roleName).toList());
        assertFalse(second.isTruncated());

        assertEquals(3, iam.listRolesPaginator(r -> r.pathPrefix("/paging/").maxItems(1)).roles().stream().count());
    }

    @Test
    void updateAssumeRolePolicy_replacesTrustPolicy_andValidatesIt() {
        iam.createRole(r -> r.roleName("retrust").assumeRolePolicyDocument(LAMBDA_TRUST));
        String apiGateway = LAMBDA_TRUST.replace("lambda", "apigateway");

        iam.updateAssumeRolePolicy(r -> r.roleName("retrust").policyDocument(apiGateway));

        assertEquals(apiGateway, URLDecoder.decode(iam.getRole(r -> r.roleName("retrust")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.updateAssumeRolePolicy(r -> r.roleName("retrust").policyDocument("{}")));
        assertThrows(NoSuchEntityException.class,
                () -> iam.updateAssumeRolePolicy(r -> r.roleName("nobody").policyDocument(apiGateway)));
    }

    @Test
    void deleteRole_withAttachedPolicy_isDeleteConflict_untilDetached() {
        iam.createRole(r -> r.roleName("attached").assumeRolePolicyDocument(LAMBDA_TRUST));
        String basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        iam.attachRolePolicy(r -> r.roleName("attached").policyArn(basic));

        DeleteConflictException e = assertThrows(DeleteConflictException.class, () -> iam.deleteRole(r -> r.roleName("attached")));
        assertEquals(409, e.statusCode());
        assertEquals("Cannot delete entity, must detach all policies first.", e.awsErrorDetails().errorMessage());

        iam.detachRolePolicy(r -> r.roleName("attached").policyArn(basic));
        iam.deleteRole(r -> r.roleName("attached"));
        assertThrows(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("attached")));
    }

    @Test
    void deleteRole_withInlinePolicy_isDeleteConflict() {
        iam.createRole(r -> r.roleName("inline-holder").assumeRolePolicyDocument(LAMBDA_TRUST));
        iam.putRolePolicy(r -> r.roleName("inline-holder").policyName("logs").policyDocument(IamPoliciesTest.LOGS_POLICY));

        DeleteConflictException e = assertThrows(DeleteConflictException.class, () -> iam.deleteRole(r -> r.roleName("inline-holder")));
        assertEquals("Cannot delete entity, must delete policies first.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void deleteRole_missing_isNoSuchEntity() {
        assertThrows(NoSuchEntityException.class, () -> iam.deleteRole(r -> r.roleName("never-was")));
    }

    @Test
    void tagRole_addsAndOverwrites_untagRole_removes_listRoleTags_shows() {
        iam.createRole(r -> r.roleName("tags").assumeRolePolicyDocument(LAMBDA_TRUST));

        iam.tagRole(r -> r.roleName("tags").tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
        iam.tagRole(r -> r.roleName("tags").tags(Tag.builder().key("a").value("3").build()));
        iam.untagRole(r -> r.roleName("tags").tagKeys("b"));

        assertEquals(List.of(Tag.builder().key("a").value("3").build()), iam.listRoleTags(r -> r.roleName("tags")).tags());
        assertThrows(NoSuchEntityException.class, () -> iam.listRoleTags(r -> r.roleName("no-tags-role")));
    }

    @Test
    void updateRoleDescription_answersTheUpdatedRole() {
        iam.createRole(r -> r.roleName("redescribed").assumeRolePolicyDocument(LAMBDA_TRUST).description("old"));

        Role role = iam.updateRoleDescription(r -> r.roleName("redescribed").description("new")).role();

        assertEquals("new", role.description());
        assertEquals("new", iam.getRole(r -> r.roleName("redescribed")).role().description());
    }

    @Test
    void updateRole_maxSessionDurationOutOfRange_isValidationError() {
        iam.createRole(r -> r.roleName("too-long").assumeRolePolicyDocument(LAMBDA_TRUST));
        IamException e = assertThrows(IamException.class, () -> iam.updateRole(r -> r.roleName("too-long").maxSessionDuration(50000)));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
    }

    @Test
    void updateRole_changesDescriptionAndMaxSessionDuration() {
        iam.createRole(r -> r.roleName("updatable").assumeRolePolicyDocument(LAMBDA_TRUST));

        iam.updateRole(r -> r.roleName("updatable").description("new").maxSessionDuration(7200));

        Role role = iam.getRole(r -> r.roleName("updatable")).role();
        assertEquals("new", role.description());
        assertEquals(7200, role.maxSessionDuration());
    }
}
