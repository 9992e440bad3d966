package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.ParsedOnce;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The temporary credentials STS has issued, by access key id ("sts.sessions" in Storage), so that
 * a key handed to a Lambda function is still recognised after a restart until it expires.
 */
public final class RoleSessions {

    private final String accountId;
    private final Clock clock;
    /** Every AWS call of a function looks its key up here: each stored session is parsed once. */
    private final Documents<SessionCredentials> sessions;
    private final ParsedOnce<Instant> expirations = new ParsedOnce<>(Instant::parse);

    public RoleSessions(Storage storage, String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
        this.sessions = storage.documents("sts.sessions", SessionCredentials.class);
    }

    /** Issues credentials for a session of {@code role}, valid for {@code durationSeconds}. */
    public SessionCredentials issue(Role role, String sessionName, int durationSeconds) {
        return issue(role, sessionName, durationSeconds, List.of());
    }

    /** The same, limited by session policies (JSON documents already validated). */
    public SessionCredentials issue(Role role, String sessionName, int durationSeconds, List<String> sessionPolicies) {
        dropExpired();
        Instant expiration = clock.instant().plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS);
        SessionCredentials credentials = new SessionCredentials(IamIds.temporaryAccessKeyId(), IamIds.secretAccessKey(),
                IamIds.sessionToken(), expiration.toString(), role.arn(), role.roleName(),
                role.roleId() + ":" + sessionName,
                "arn:aws:sts::" + accountId + ":assumed-role/" + role.roleName() + "/" + sessionName, sessionName, sessionPolicies);
        sessions.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    public Optional<SessionCredentials> find(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : sessions.get(accessKeyId);
    }

    public boolean isExpired(SessionCredentials credentials) {
        return !clock.instant().isBefore(expirations.get(credentials.expiration()));
    }

    /** Forgets keys that expired more than a day ago, so the map does not grow without end. */
    private void dropExpired() {
        Instant horizon = clock.instant().minus(1, ChronoUnit.DAYS);
        sessions.removeIf(session -> expirations.get(session.expiration()).isBefore(horizon));
    }
}
