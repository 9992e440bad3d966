package dev.chatlab.localcloud.services.apigateway.websocket;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket deployments still PENDING under the cloud's timing
 * ({@link dev.chatlab.localcloud.config.Timing#deploymentPending()}), and what their stages serve
 * meanwhile: the deployment they served before, so a client sees the new routes only once the
 * deployment reads DEPLOYED. A window of zero (the fast timing) keeps nothing: every deployment
 * is DEPLOYED when its call answers. Kept in memory only, like a DELETING table: after a restart
 * every deployment is DEPLOYED.
 */
final class PendingDeployments {

    /** A stage switching to a PENDING deployment: what it serves until then (null: nothing). */
    record Switch(String previousDeploymentId, long untilMillis) {
    }

    private final Clock clock;
    private final long windowMillis;
    /** apiId/deploymentId → when it turns DEPLOYED. */
    private final Map<String, Long> pendingUntil = new ConcurrentHashMap<>();
    /** apiId/stageName → the switch in progress. */
    private final Map<String, Switch> switches = new ConcurrentHashMap<>();

    PendingDeployments(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** A deployment was just made (for {@code stageName}, which served {@code previousDeploymentId}, when not null). */
    void started(String apiId, String deploymentId, String stageName, String previousDeploymentId) {
        if (windowMillis <= 0) {
            return;
        }
        long now = clock.millis();
        long until = now + windowMillis;
        pendingUntil.put(apiId + "/" + deploymentId, until);
        if (stageName != null) {
            // a second deployment within the window: the stage still serves what it served before the first
            Switch earlier = switching(apiId, stageName).orElse(null);
            switches.put(apiId + "/" + stageName, new Switch(earlier != null ? earlier.previousDeploymentId() : previousDeploymentId, until));
        }
    }

    /** PENDING within the window, DEPLOYED after it. */
    String status(String apiId, String deploymentId) {
        String key = apiId + "/" + deploymentId;
        Long until = pendingUntil.get(key);
        if (until == null) {
            return "DEPLOYED";
        }
        if (clock.millis() >= until) {
            pendingUntil.remove(key, until);
            return "DEPLOYED";
        }
        return "PENDING";
    }

    /** The stage's switch while its newest deployment is PENDING; empty once it serves that deployment. */
    Optional<Switch> switching(String apiId, String stageName) {
        String key = apiId + "/" + stageName;
        Switch current = switches.get(key);
        if (current == null) {
            return Optional.empty();
        }
        if (clock.millis() >= current.untilMillis()) {
            switches.remove(key, current);
            return Optional.empty();
        }
        return Optional.of(current);
    }
}
