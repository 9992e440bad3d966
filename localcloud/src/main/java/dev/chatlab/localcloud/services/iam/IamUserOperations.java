package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.protocol.QueryProtocol;
import dev.chatlab.localcloud.services.iam.model.AccessKey;
import dev.chatlab.localcloud.services.iam.model.Group;
import dev.chatlab.localcloud.services.iam.model.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's operations on users, groups and access keys, in the query protocol as {@link IamHandler}
 * answers the rest (their policies are {@code IamHandler}'s, shared with roles). Where UserName
 * may be left out (GetUser, ListAccessKeys, CreateAccessKey, ...) it means the signer itself.
 */
final class IamUserOperations {

    private final IamUsers users;

    IamUserOperations(IamUsers users) {
        this.users = users;
    }

    void register(Map<String, QueryProtocol.Operation> operations) {
        operations.put("CreateUser", (p, xml, request) -> {
            User user = users.createUser(userName(p), p.optional("Path").orElse(null), IamHandler.tags(p));
            QueryProtocol.result(xml, "CreateUser", () -> writeUser(xml, "User", user, true));
        });
        operations.put("GetUser", this::getUser);
        operations.put("ListUsers", (p, xml, request) -> {
            Page<User> page = Page.of(users.listUsers(p.optional("PathPrefix").orElse(null)), p.optional("Marker").orElse(null), IamHandler.maxItems(p));
            QueryProtocol.result(xml, "ListUsers", () -> writeUsers(xml, "Users", page));
        });
        operations.put("DeleteUser", (p, xml, request) -> users.deleteUser(userName(p)));
        operations.put("CreateGroup", (p, xml, request) -> {
            Group group = users.createGroup(groupName(p), p.optional("Path").orElse(null));
            QueryProtocol.result(xml, "CreateGroup", () -> writeGroup(xml, "Group", group));
        });
        operations.put("GetGroup", (p, xml, request) -> {
            Group group = users.getGroup(groupName(p));
            Page<User> page = Page.of(users.members(group.groupName()), p.optional("Marker").orElse(null), IamHandler.maxItems(p));
            QueryProtocol.result(xml, "GetGroup", () -> {
                writeGroup(xml, "Group", group);
                writeUsers(xml, "Users", page);
            });
        });
        operations.put("ListGroups", (p, xml, request) ->
                writeGroups(xml, "ListGroups", users.listGroups(p.optional("PathPrefix").orElse(null)), p));
        operations.put("ListGroupsForUser", (p, xml, request) -> writeGroups(xml, "ListGroupsForUser", users.groupsOf(userName(p)), p));
        operations.put("DeleteGroup", (p, xml, request) -> users.deleteGroup(groupName(p)));
        operations.put("AddUserToGroup", (p, xml, request) -> users.addUserToGroup(groupName(p), userName(p)));
        operations.put("RemoveUserFromGroup", (p, xml, request) -> users.removeUserFromGroup(groupName(p), userName(p)));
        operations.put("CreateAccessKey", (p, xml, request) -> {
            AccessKey created = users.createAccessKey(userOrSigner(p, request));
            QueryProtocol.result(xml, "CreateAccessKey", () -> xml.start("AccessKey")
                    .element("UserName", created.userName())
                    .element("AccessKeyId", created.accessKeyId())
                    .element("Status", created.status())
                    .element("SecretAccessKey", created.secretAccessKey())
                    .element("CreateDate", created.createDate())
                    .end());
        });
        operations.put("ListAccessKeys", (p, xml, request) -> {
            Page<AccessKey> page = Page.of(users.accessKeysOf(userOrSigner(p, request)), p.optional("Marker").orElse(null), IamHandler.maxItems(p));
            QueryProtocol.result(xml, "ListAccessKeys", () -> {
                xml.start("AccessKeyMetadata");
                page.items().forEach(key -> xml.start("member")
                        .element("UserName", key.userName())
                        .element("AccessKeyId", key.accessKeyId())
                        .element("Status", key.status())
                        .element("CreateDate", key.createDate())
                        .end());
                xml.end();
                IamHandler.writePaging(xml, page);
            });
        });
        operations.put("UpdateAccessKey", (p, xml, request) -> {
            String status = p.required("Status");
            if (!Set.of("Active", "Inactive").contains(status)) {
                throw QueryParameters.validation("Value '" + status + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
            }
            users.updateAccessKey(userOrSigner(p, request), accessKeyId(p), status);
        });
        operations.put("DeleteAccessKey", (p, xml, request) -> users.deleteAccessKey(userOrSigner(p, request), accessKeyId(p)));
    }

    /** GetUser without a UserName is the signer: a user, or the account's root (which has no name). */
    private void getUser(QueryParameters p, XmlWriter xml, AwsRequest request) {
        Optional<String> named = p.optional("UserName").isPresent() ? Optional.of(userName(p)) : signer(request);
        if (named.isEmpty() && isRoleSession(request)) {
            throw nonUserCredentials();
        }
        QueryProtocol.result(xml, "GetUser", () -> {
            if (named.isPresent()) {
                writeUser(xml, "User", users.getUser(named.get()), true);
            } else {
                String account = users.accountId();
                xml.start("User").element("UserId", account).element("Arn", "arn:aws:iam::" + account + ":root")
                        .element("CreateDate", users.accountCreated()).end();
            }
        });
    }

    /** The UserName given, else the user who signed the request; root and role sessions must name one. */
    private String userOrSigner(QueryParameters p, AwsRequest request) {
        if (p.optional("UserName").isPresent()) {
            return userName(p);
        }
        return signer(request).orElseThrow(IamUserOperations::nonUserCredentials);
    }

    private Optional<String> signer(AwsRequest request) {
        return CredentialScope.of(request).flatMap(scope -> users.findAccessKey(scope.accessKeyId())).map(AccessKey::userName);
    }

    private static boolean isRoleSession(AwsRequest request) {
        return CredentialScope.of(request).map(scope -> scope.accessKeyId().startsWith("ASIA")).orElse(false);
    }

    private static RuntimeException nonUserCredentials() {
        return QueryParameters.validation("Must specify userName when calling with non-User credentials");
    }

    private static void writeUser(XmlWriter xml, String element, User user, boolean withTags) {
        xml.start(element)
                .element("Path", user.path())
                .element("UserName", user.userName())
                .element("UserId", user.userId())
                .element("Arn", user.arn())
                .element("CreateDate", user.createDate());
        if (withTags && !user.tags().isEmpty()) {
            IamHandler.writeTags(xml, user.tags());
        }
        xml.end();
    }

    private static void writeUsers(XmlWriter xml, String element, Page<User> page) {
        xml.start(element);
        page.items().forEach(user -> writeUser(xml, "member", user, false));
        xml.end();
        IamHandler.writePaging(xml, page);
    }

    private static void writeGroup(XmlWriter xml, String element, Group group) {
        xml.start(element)
                .element("Path", group.path())
                .element("GroupName", group.groupName())
                .element("GroupId", group.groupId())
                .element("Arn", group.arn())
                .element("CreateDate", group.createDate())
                .end();
    }

    private static void writeGroups(XmlWriter xml, String operation, List<Group> groups, QueryParameters p) {
        Page<Group> page = Page.of(groups, p.optional("Marker").orElse(null), IamHandler.maxItems(p));
        QueryProtocol.result(xml, operation, () -> {
            xml.start("Groups");
            page.items().forEach(group -> writeGroup(xml, "member", group));
            xml.end();
            IamHandler.writePaging(xml, page);
        });
    }

    static String userName(QueryParameters p) {
        return p.required("UserName");
    }

    static String groupName(QueryParameters p) {
        return p.required("GroupName");
    }

    private static String accessKeyId(QueryParameters p) {
        return p.required("AccessKeyId");
    }
}
