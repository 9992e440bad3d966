package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.services.iam.model.AccessKey;
import dev.chatlab.localcloud.services.iam.model.Group;
import dev.chatlab.localcloud.services.iam.model.Tag;
import dev.chatlab.localcloud.services.iam.model.User;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * IAM's users, groups and access keys, kept in Storage ("iam.users" and "iam.groups" by
 * lower-cased name, "iam.accessKeys" by key id). A user's signed requests are held to its own
 * policies and its groups' ({@link #identityPolicies}), by the same engine as a role's sessions.
 */
public final class IamUsers {

    /** IAM's quota of access keys per user. */
    static final int MAX_ACCESS_KEYS = 2;
    /** IAM's quota of groups one user belongs to. */
    static final int MAX_GROUPS_PER_USER = 10;

    private final String accountId;
    private final Clock clock;
    private final Documents<User> users;
    private final Documents<Group> groups;
    private final Documents<AccessKey> accessKeys;
    private final HeldPolicies<User> userPolicies;
    private final HeldPolicies<Group> groupPolicies;

    IamUsers(Storage storage, String accountId, Clock clock, ManagedPolicies policies) {
        this.accountId = accountId;
        this.clock = clock;
        this.users = storage.documents("iam.users", User.class);
        this.groups = storage.documents("iam.groups", Group.class);
        this.accessKeys = storage.documents("iam.accessKeys", AccessKey.class);
        this.userPolicies = new HeldPolicies<>(HeldPolicies.Kind.USER, this, policies, this::getUser, this::save);
        this.groupPolicies = new HeldPolicies<>(HeldPolicies.Kind.GROUP, this, policies, this::getGroup, this::save);
    }

    String accountId() {
        return accountId;
    }

    /** When the account was made, as GetUser answers it for the root: localcloud keeps no such date, so the answer's time stands in. */
    String accountCreated() {
        return IamIds.timestamp(clock);
    }

    public HeldPolicies<User> userPolicies() {
        return userPolicies;
    }

    public HeldPolicies<Group> groupPolicies() {
        return groupPolicies;
    }

    // Users

    public synchronized User createUser(String name, String path, List<Tag> tags) {
        if (users.contains(key(name))) {
            throw IamErrors.entityAlreadyExists("User with name " + name + " already exists.");
        }
        String userPath = path == null ? "/" : path;
        User user = new User(name, IamIds.userId(), "arn:aws:iam::" + accountId + ":user" + userPath + name, userPath,
                IamIds.timestamp(clock), tags, List.of(), null, List.of());
        save(user);
        return user;
    }

    public User getUser(String name) {
        return findUser(name).orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + name + " cannot be found."));
    }

    public Optional<User> findUser(String name) {
        return users.get(key(name));
    }

    /** The user an ARN names (arn:aws:iam::000000000000:user/path/Name), if it exists in this account. */
    public Optional<User> findUserByArn(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":user/";
        if (arn == null || !arn.startsWith(prefix)) {
            return Optional.empty();
        }
        return findUser(arn.substring(arn.lastIndexOf('/') + 1)).filter(user -> user.arn().equals(arn));
    }

    public List<User> listUsers(String pathPrefix) {
        return users.values()
                .filter(user -> pathPrefix == null || user.path().startsWith(pathPrefix))
                .sorted(Comparator.comparing(User::userName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Refused while the user has access keys, groups or policies, in the order IAM names them. */
    public synchronized void deleteUser(String name) {
        User user = getUser(name);
        if (!accessKeysOf(user.userName()).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
        }
        if (!user.groups().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        userPolicies.checkNoneLeft(user);
        users.remove(key(name));
    }

    // Groups

    public synchronized Group createGroup(String name, String path) {
        if (groups.contains(key(name))) {
            throw IamErrors.entityAlreadyExists("Group with name " + name + " already exists.");
        }
        String groupPath = path == null ? "/" : path;
        Group group = new Group(name, IamIds.groupId(), "arn:aws:iam::" + accountId + ":group" + groupPath + name, groupPath,
                IamIds.timestamp(clock), List.of(), null);
        save(group);
        return group;
    }

    public Group getGroup(String name) {
        return groups.get(key(name)).orElseThrow(() -> IamErrors.noSuchEntity("The group with name " + name + " cannot be found."));
    }

    public List<Group> listGroups(String pathPrefix) {
        return groups.values()
                .filter(group -> pathPrefix == null || group.path().startsWith(pathPrefix))
                .sorted(Comparator.comparing(Group::groupName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public List<User> members(String groupName) {
        String group = key(getGroup(groupName).groupName());
        return listUsers(null).stream().filter(user -> user.groups().contains(group)).toList();
    }

    public List<Group> groupsOf(String userName) {
        return getUser(userName).groups().stream().map(this::getGroup).toList();
    }

    public synchronized void deleteGroup(String name) {
        Group group = getGroup(name);
        if (!members(name).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        groupPolicies.checkNoneLeft(group);
        groups.remove(key(name));
    }

    public synchronized void addUserToGroup(String groupName, String userName) {
        String group = key(getGroup(groupName).groupName());
        User user = getUser(userName);
        if (user.groups().contains(group)) {
            return;
        }
        if (user.groups().size() >= MAX_GROUPS_PER_USER) {
            throw IamErrors.limitExceeded("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
        }
        List<String> memberships = new ArrayList<>(user.groups());
        memberships.add(group);
        save(user.withGroups(memberships));
    }

    public synchronized void removeUserFromGroup(String groupName, String userName) {
        String group = key(getGroup(groupName).groupName());
        User user = getUser(userName);
        if (!user.groups().contains(group)) {
            throw IamErrors.noSuchEntity("The user with name " + userName + " cannot be found in group " + groupName + ".");
        }
        List<String> memberships = new ArrayList<>(user.groups());
        memberships.remove(group);
        save(user.withGroups(memberships));
    }

    // Access keys

    public synchronized AccessKey createAccessKey(String userName) {
        User user = getUser(userName);
        if (accessKeysOf(user.userName()).size() >= MAX_ACCESS_KEYS) {
            throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
        }
        AccessKey created = new AccessKey(IamIds.accessKeyId(), IamIds.secretAccessKey(), user.userName(), "Active", IamIds.timestamp(clock));
        accessKeys.put(created.accessKeyId(), created);
        return created;
    }

    public List<AccessKey> accessKeysOf(String userName) {
        String user = getUser(userName).userName();
        return accessKeys.values()
                .filter(accessKey -> accessKey.userName().equals(user))
                .sorted(Comparator.comparing(AccessKey::createDate))
                .toList();
    }

    /** The user's key with this id (the user's name is checked as IAM checks it), or NoSuchEntity. */
    private AccessKey ownKey(String userName, String accessKeyId) {
        return findAccessKey(accessKeyId).filter(accessKey -> accessKey.userName().equals(getUser(userName).userName()))
                .orElseThrow(() -> IamErrors.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found."));
    }

    public synchronized void updateAccessKey(String userName, String accessKeyId, String status) {
        AccessKey accessKey = ownKey(userName, accessKeyId);
        accessKeys.put(accessKeyId, accessKey.withStatus(status));
    }

    public synchronized void deleteAccessKey(String userName, String accessKeyId) {
        ownKey(userName, accessKeyId);
        accessKeys.remove(accessKeyId);
    }

    /** Any user's access key by its id: how a signed request finds its user. */
    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : accessKeys.get(accessKeyId);
    }

    // Policies

    /** A user's own policies, then each of its groups' (every one of them counts, as on AWS). */
    public List<PolicyDocument> identityPolicies(User user) {
        List<PolicyDocument> documents = new ArrayList<>(userPolicies.documents(user));
        user.groups().forEach(group -> documents.addAll(groupPolicies.documents(getGroup(group))));
        return documents;
    }

    /** Users and groups a managed policy is attached to. */
    int attachmentCount(String policyArn) {
        return (int) (listUsers(null).stream().filter(user -> user.attachedPolicies().contains(policyArn)).count()
                + listGroups(null).stream().filter(group -> group.attachedPolicies().contains(policyArn)).count());
    }

    public List<User> usersWithPolicy(String policyArn) {
        return listUsers(null).stream().filter(user -> user.attachedPolicies().contains(policyArn)).toList();
    }

    public List<Group> groupsWithPolicy(String policyArn) {
        return listGroups(null).stream().filter(group -> group.attachedPolicies().contains(policyArn)).toList();
    }

    private void save(User user) {
        users.put(key(user.userName()), user);
    }

    private void save(Group group) {
        groups.put(key(group.groupName()), group);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
