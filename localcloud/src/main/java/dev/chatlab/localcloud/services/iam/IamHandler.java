package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.protocol.QueryProtocol;
import dev.chatlab.localcloud.protocol.query.QueryServiceHandler;
import dev.chatlab.localcloud.services.iam.model.ManagedPolicy;
import dev.chatlab.localcloud.services.iam.model.PolicyHolder;
import dev.chatlab.localcloud.services.iam.model.PolicyVersion;
import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.SimulationResult;
import dev.chatlab.localcloud.services.iam.model.Tag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * IAM's query protocol: {@code Action=CreateRole&Version=2010-05-08&...} in a form-encoded body,
 * answers as {@code <CreateRoleResponse><CreateRoleResult>...</CreateRoleResult><ResponseMetadata>}
 * in IAM's namespace. The SDK signs IAM requests for us-east-1 with the signing name "iam".
 */
public final class IamHandler extends QueryServiceHandler {

    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final IamService iam;
    private final PolicySimulator simulator;
    private final Map<String, QueryProtocol.Operation> operations;

    public IamHandler(IamService iam) {
        super("iam", NAMESPACE, INPUT);
        this.iam = iam;
        this.simulator = new PolicySimulator(iam);
        this.operations = operations();
    }

    /** IAM refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = validator("iam");

    @Override
    public AwsResponse handle(AwsRequest request) {
        return QueryProtocol.handle(request, NAMESPACE, "2010-05-08", operations);
    }

    private Map<String, QueryProtocol.Operation> operations() {
        Map<String, BiConsumer<QueryParameters, XmlWriter>> table = new LinkedHashMap<>();
        table.put("CreateRole", this::createRole);
        table.put("GetRole", (p, xml) -> QueryProtocol.result(xml, "GetRole", () -> writeRole(xml, iam.getRole(roleName(p)), true, true)));
        table.put("ListRoles", this::listRoles);
        table.put("UpdateAssumeRolePolicy", (p, xml) -> iam.updateAssumeRolePolicy(roleName(p), p.required("PolicyDocument")));
        table.put("UpdateRole", (p, xml) -> {
            iam.updateRole(roleName(p), p.optional("Description").orElse(null), p.integer("MaxSessionDuration", 3600, 43200).orElse(null));
            QueryProtocol.result(xml, "UpdateRole", () -> { });
        });
        table.put("UpdateRoleDescription", (p, xml) -> {
            Role role = iam.updateRole(roleName(p), p.required("Description"), null);
            QueryProtocol.result(xml, "UpdateRoleDescription", () -> writeRole(xml, role, true, true));
        });
        table.put("DeleteRole", (p, xml) -> iam.deleteRole(roleName(p)));
        table.put("TagRole", (p, xml) -> iam.tagRole(roleName(p), tags(p)));
        table.put("UntagRole", (p, xml) -> iam.untagRole(roleName(p), p.list("TagKeys")));
        table.put("ListRoleTags", this::listRoleTags);
        heldPolicyOperations(table, iam.rolePolicies(), IamHandler::roleName, role -> iam.getRole(role).roleName());
        heldPolicyOperations(table, iam.users().userPolicies(), IamUserOperations::userName, user -> iam.users().getUser(user).userName());
        heldPolicyOperations(table, iam.users().groupPolicies(), IamUserOperations::groupName, group -> iam.users().getGroup(group).groupName());
        table.put("CreatePolicy", this::createPolicy);
        table.put("GetPolicy", (p, xml) -> QueryProtocol.result(xml, "GetPolicy", () -> writePolicy(xml, iam.policies().get(p.required("PolicyArn")))));
        table.put("ListPolicies", this::listPolicies);
        table.put("DeletePolicy", (p, xml) -> iam.policies().delete(p.required("PolicyArn")));
        table.put("CreatePolicyVersion", this::createPolicyVersion);
        table.put("GetPolicyVersion", this::getPolicyVersion);
        table.put("ListPolicyVersions", this::listPolicyVersions);
        table.put("DeletePolicyVersion", (p, xml) -> iam.policies().deleteVersion(p.required("PolicyArn"), versionId(p)));
        table.put("SetDefaultPolicyVersion", (p, xml) -> iam.policies().setDefaultVersion(p.required("PolicyArn"), versionId(p)));
        table.put("ListEntitiesForPolicy", this::listEntitiesForPolicy);
        table.put("SimulatePrincipalPolicy", (p, xml) -> simulate(p, xml, "SimulatePrincipalPolicy"));
        table.put("SimulateCustomPolicy", (p, xml) -> simulate(p, xml, "SimulateCustomPolicy"));
        Map<String, QueryProtocol.Operation> operations = new LinkedHashMap<>();
        table.forEach((name, operation) -> operations.put(name, (params, xml, request) -> operation.accept(params, xml)));
        new IamUserOperations(iam.users()).register(operations);
        return Map.copyOf(operations);
    }

    // Roles

    private void createRole(QueryParameters p, XmlWriter xml) {
        Role role = iam.createRole(roleName(p), p.optional("Path").orElse(null), p.required("AssumeRolePolicyDocument"),
                p.optional("Description").orElse(null), p.integer("MaxSessionDuration", 3600, 43200).orElse(null), tags(p));
        QueryProtocol.result(xml, "CreateRole", () -> writeRole(xml, role, true, false));
    }

    private void listRoles(QueryParameters p, XmlWriter xml) {
        Page<Role> page = Page.of(iam.listRoles(p.optional("PathPrefix").orElse(null)), p.optional("Marker").orElse(null), maxItems(p));
        QueryProtocol.result(xml, "ListRoles", () -> {
            xml.start("Roles");
            page.items().forEach(role -> {
                xml.start("member");
                writeRoleFields(xml, role, false, false);
                xml.end();
            });
            xml.end();
            writePaging(xml, page);
        });
    }

    private void listRoleTags(QueryParameters p, XmlWriter xml) {
        Page<Tag> page = Page.of(iam.getRole(roleName(p)).tags(), p.optional("Marker").orElse(null), maxItems(p));
        QueryProtocol.result(xml, "ListRoleTags", () -> {
            writeTags(xml, page.items());
            writePaging(xml, page);
        });
    }

    private static void writeRole(XmlWriter xml, Role role, boolean withTags, boolean withLastUsed) {
        xml.start("Role");
        writeRoleFields(xml, role, withTags, withLastUsed);
        xml.end();
    }

    /** GetRole answers tags and RoleLastUsed; CreateRole the tags it was given; ListRoles neither. */
    private static void writeRoleFields(XmlWriter xml, Role role, boolean withTags, boolean withLastUsed) {
        xml.element("Path", role.path())
                .element("RoleName", role.roleName())
                .element("RoleId", role.roleId())
                .element("Arn", role.arn())
                .element("CreateDate", role.createDate())
                .element("AssumeRolePolicyDocument", PolicyDocuments.encode(role.assumeRolePolicyDocument()))
                .element("Description", role.description())
                .element("MaxSessionDuration", role.maxSessionDuration());
        if (withTags && !role.tags().isEmpty()) {
            writeTags(xml, role.tags());
        }
        if (withLastUsed) {
            xml.start("RoleLastUsed").end();
        }
    }

    // Policies of roles, users and groups: the same seven operations for each

    /**
     * AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies, PutRolePolicy, GetRolePolicy,
     * DeleteRolePolicy and ListRolePolicies, and the same for users and groups.
     *
     * @param holderName the holder's name parameter (RoleName, UserName, GroupName), checked
     * @param storedName the holder's name as it was created (IAM names are case-insensitive)
     */
    private static <T extends PolicyHolder<T>> void heldPolicyOperations(
            Map<String, BiConsumer<QueryParameters, XmlWriter>> table, HeldPolicies<T> held,
            Function<QueryParameters, String> holderName, UnaryOperator<String> storedName) {
        String kind = held.kind().capitalized();
        table.put("Attach" + kind + "Policy", (p, xml) -> held.attach(holderName.apply(p), p.required("PolicyArn")));
        table.put("Detach" + kind + "Policy", (p, xml) -> held.detach(holderName.apply(p), p.required("PolicyArn")));
        table.put("ListAttached" + kind + "Policies", (p, xml) -> {
            Page<ManagedPolicy> page = Page.of(held.attached(holderName.apply(p), p.optional("PathPrefix").orElse(null)),
                    p.optional("Marker").orElse(null), maxItems(p));
            QueryProtocol.result(xml, "ListAttached" + kind + "Policies", () -> {
                xml.start("AttachedPolicies");
                page.items().forEach(policy -> xml.start("member")
                        .element("PolicyName", policy.policyName())
                        .element("PolicyArn", policy.arn())
                        .end());
                xml.end();
                writePaging(xml, page);
            });
        });
        table.put("Put" + kind + "Policy", (p, xml) -> held.put(holderName.apply(p), policyName(p), p.required("PolicyDocument")));
        table.put("Get" + kind + "Policy", (p, xml) -> {
            String holder = holderName.apply(p);
            String policyName = policyName(p);
            String document = held.get(holder, policyName);
            QueryProtocol.result(xml, "Get" + kind + "Policy", () -> xml.element(kind + "Name", storedName.apply(holder))
                    .element("PolicyName", policyName)
                    .element("PolicyDocument", PolicyDocuments.encode(document)));
        });
        table.put("Delete" + kind + "Policy", (p, xml) -> held.delete(holderName.apply(p), policyName(p)));
        table.put("List" + kind + "Policies", (p, xml) -> {
            Page<String> page = Page.of(held.names(holderName.apply(p)), p.optional("Marker").orElse(null), maxItems(p));
            QueryProtocol.result(xml, "List" + kind + "Policies", () -> {
                xml.start("PolicyNames");
                page.items().forEach(name -> xml.element("member", name));
                xml.end();
                writePaging(xml, page);
            });
        });
    }

    // Managed policies

    private void createPolicy(QueryParameters p, XmlWriter xml) {
        ManagedPolicy policy = iam.policies().create(policyName(p), p.optional("Path").orElse(null),
                p.required("PolicyDocument"), p.optional("Description").orElse(null), tags(p));
        QueryProtocol.result(xml, "CreatePolicy", () -> writePolicy(xml, policy));
    }

    private void listPolicies(QueryParameters p, XmlWriter xml) {
        String scope = p.optional("Scope").orElse("All");
        if (!Set.of("All", "AWS", "Local").contains(scope)) {
            throw QueryParameters.validation("Value '" + scope + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        List<ManagedPolicy> policies = iam.policies().list(scope, p.bool("OnlyAttached"), p.optional("PathPrefix").orElse(null));
        Page<ManagedPolicy> page = Page.of(policies, p.optional("Marker").orElse(null), maxItems(p));
        QueryProtocol.result(xml, "ListPolicies", () -> {
            xml.start("Policies");
            page.items().forEach(policy -> {
                xml.start("member");
                writePolicyFields(xml, policy, false);
                xml.end();
            });
            xml.end();
            writePaging(xml, page);
        });
    }

    private void writePolicy(XmlWriter xml, ManagedPolicy policy) {
        xml.start("Policy");
        writePolicyFields(xml, policy, true);
        xml.end();
    }

    /** ListPolicies leaves out the description and tags, as the model documents; GetPolicy has them. */
    private void writePolicyFields(XmlWriter xml, ManagedPolicy policy, boolean full) {
        xml.element("PolicyName", policy.policyName())
                .element("PolicyId", policy.policyId())
                .element("Arn", policy.arn())
                .element("Path", policy.path())
                .element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", iam.policies().attachmentCount(policy.arn()))
                .element("PermissionsBoundaryUsageCount", 0)
                .element("IsAttachable", true)
                .element("Description", full ? policy.description() : null)
                .element("CreateDate", policy.createDate())
                .element("UpdateDate", policy.updateDate());
        if (full && !policy.tags().isEmpty()) {
            writeTags(xml, policy.tags());
        }
    }

    private void createPolicyVersion(QueryParameters p, XmlWriter xml) {
        PolicyVersion version = iam.policies().createVersion(p.required("PolicyArn"), p.required("PolicyDocument"), p.bool("SetAsDefault"));
        boolean isDefault = iam.policies().get(p.required("PolicyArn")).defaultVersionId().equals(version.versionId());
        QueryProtocol.result(xml, "CreatePolicyVersion", () -> writeVersion(xml, "PolicyVersion", version, isDefault, false));
    }

    private void getPolicyVersion(QueryParameters p, XmlWriter xml) {
        String arn = p.required("PolicyArn");
        PolicyVersion version = iam.policies().getVersion(arn, versionId(p));
        boolean isDefault = iam.policies().get(arn).defaultVersionId().equals(version.versionId());
        QueryProtocol.result(xml, "GetPolicyVersion", () -> writeVersion(xml, "PolicyVersion", version, isDefault, true));
    }

    private void listPolicyVersions(QueryParameters p, XmlWriter xml) {
        ManagedPolicy policy = iam.policies().get(p.required("PolicyArn"));
        List<PolicyVersion> newestFirst = new ArrayList<>(policy.versions());
        Collections.reverse(newestFirst);
        Page<PolicyVersion> page = Page.of(newestFirst, p.optional("Marker").orElse(null), maxItems(p));
        QueryProtocol.result(xml, "ListPolicyVersions", () -> {
            xml.start("Versions");
            page.items().forEach(version -> writeVersion(xml, "member", version, version.versionId().equals(policy.defaultVersionId()), false));
            xml.end();
            writePaging(xml, page);
        });
    }

    /** The groups, users and roles a policy is attached to, one page of them all (EntityFilter narrows it to one kind). */
    private void listEntitiesForPolicy(QueryParameters p, XmlWriter xml) {
        String arn = p.required("PolicyArn");
        String filter = p.optional("EntityFilter").orElse(null);
        List<String[]> entities = new ArrayList<>();
        if (filter == null || filter.equals("Group")) {
            iam.users().groupsWithPolicy(arn).forEach(group -> entities.add(new String[] {"PolicyGroups", "Group", group.groupName(), group.groupId()}));
        }
        if (filter == null || filter.equals("User")) {
            iam.users().usersWithPolicy(arn).forEach(user -> entities.add(new String[] {"PolicyUsers", "User", user.userName(), user.userId()}));
        }
        if (filter == null || Set.of("Role", "LocalManagedPolicy", "AWSManagedPolicy").contains(filter)) {
            iam.rolesWithPolicy(arn).forEach(role -> entities.add(new String[] {"PolicyRoles", "Role", role.roleName(), role.roleId()}));
        }
        Page<String[]> page = Page.of(entities, p.optional("Marker").orElse(null), maxItems(p));
        QueryProtocol.result(xml, "ListEntitiesForPolicy", () -> {
            for (String list : List.of("PolicyGroups", "PolicyUsers", "PolicyRoles")) {
                xml.start(list);
                page.items().stream().filter(entity -> entity[0].equals(list)).forEach(entity -> xml.start("member")
                        .element(entity[1] + "Name", entity[2]).element(entity[1] + "Id", entity[3]).end());
                xml.end();
            }
            writePaging(xml, page);
        });
    }

    /** The document is only returned by GetPolicyVersion, URL-encoded, as the model documents. */
    private static void writeVersion(XmlWriter xml, String element, PolicyVersion version, boolean isDefault, boolean withDocument) {
        xml.start(element);
        if (withDocument) {
            xml.element("Document", PolicyDocuments.encode(version.document()));
        }
        xml.element("VersionId", version.versionId())
                .element("IsDefaultVersion", isDefault)
                .element("CreateDate", version.createDate())
                .end();
    }

    // Simulation

    private void simulate(QueryParameters p, XmlWriter xml, String operation) {
        List<String> actions = p.list("ActionNames");
        if (actions.isEmpty()) {
            throw QueryParameters.validation("Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        }
        PolicySimulator.Request request = new PolicySimulator.Request(actions, p.list("ResourceArns"), contextEntries(p),
                p.optional("ResourcePolicy").orElse(null), p.optional("CallerArn").orElse(null));
        List<SimulationResult> results = operation.equals("SimulatePrincipalPolicy")
                ? simulator.simulatePrincipal(p.required("PolicySourceArn"), p.list("PolicyInputList"), request)
                : simulator.simulateCustom(requiredList(p, "PolicyInputList"), request);
        Page<SimulationResult> page = Page.of(results, p.optional("Marker").orElse(null), maxItems(p));
        QueryProtocol.result(xml, operation, () -> {
            xml.start("EvaluationResults");
            page.items().forEach(r -> writeEvaluation(xml, r));
            xml.end();
            writePaging(xml, page);
        });
    }

    private static void writeEvaluation(XmlWriter xml, SimulationResult r) {
        xml.start("member")
                .element("EvalActionName", r.action())
                .element("EvalResourceName", r.resource())
                .element("EvalDecision", r.decision());
        writeMatched(xml, r.matchedStatements());
        writeMissing(xml, r.missingContextValues());
        if (r.resourceSpecific()) {
            xml.start("ResourceSpecificResults").start("member")
                    .element("EvalResourceName", r.resource())
                    .element("EvalResourceDecision", r.decision());
            writeMatched(xml, r.matchedStatements());
            writeMissing(xml, r.missingContextValues());
            xml.end().end();
        }
        xml.end();
    }

    private static void writeMatched(XmlWriter xml, List<SimulationResult.MatchedSource> matched) {
        xml.start("MatchedStatements");
        matched.forEach(m -> {
            xml.start("member")
                    .element("SourcePolicyId", m.sourcePolicyId())
                    .element("SourcePolicyType", m.sourcePolicyType());
            if (m.position() != null) {
                xml.start("StartPosition").element("Line", m.position().startLine()).element("Column", m.position().startColumn()).end()
                        .start("EndPosition").element("Line", m.position().endLine()).element("Column", m.position().endColumn()).end();
            }
            xml.end();
        });
        xml.end();
    }

    private static void writeMissing(XmlWriter xml, List<String> missing) {
        xml.start("MissingContextValues");
        missing.forEach(key -> xml.element("member", key));
        xml.end();
    }

    private static Map<String, List<String>> contextEntries(QueryParameters p) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (Map<String, String> entry : p.structures("ContextEntries")) {
            String key = entry.get("ContextKeyName");
            if (key == null) {
                throw IamErrors.invalidInput("ContextKeyName is required for each context entry.");
            }
            context.put(key, QueryParameters.nestedList(entry, "ContextKeyValues"));
        }
        return context;
    }

    // Shared pieces

    static void writeTags(XmlWriter xml, List<Tag> tags) {
        xml.start("Tags");
        tags.forEach(tag -> xml.start("member").element("Key", tag.key()).element("Value", tag.value()).end());
        xml.end();
    }

    static void writePaging(XmlWriter xml, Page<?> page) {
        xml.element("IsTruncated", page.truncated()).element("Marker", page.marker());
    }

    private static String roleName(QueryParameters p) {
        return p.required("RoleName");
    }

    private static String policyName(QueryParameters p) {
        return p.required("PolicyName");
    }

    private static String versionId(QueryParameters p) {
        return p.required("VersionId");
    }

    static Integer maxItems(QueryParameters p) {
        return p.integer("MaxItems", 1, 1000).orElse(null);
    }

    private static List<String> requiredList(QueryParameters p, String name) {
        List<String> items = p.list(name);
        if (items.isEmpty()) {
            p.required(name);
        }
        return items;
    }

    static List<Tag> tags(QueryParameters p) {
        return p.structures("Tags").stream().map(t -> new Tag(t.get("Key"), t.getOrDefault("Value", ""))).toList();
    }
}
