package dev.distill.gateway.service;

import dev.distill.events.TeacherVersionEvent;
import dev.distill.gateway.client.TeacherEndpoint;
import dev.distill.gateway.config.GatewayConfig;
import dev.distill.gateway.config.TeacherConfig;
import dev.distill.gateway.domain.ApiKeySource;
import dev.distill.gateway.domain.Limits;
import dev.distill.gateway.domain.RegistrySnapshot;
import dev.distill.gateway.domain.Route;
import dev.distill.gateway.domain.TeacherSpec;
import dev.distill.gateway.domain.TeacherStore;
import dev.distill.gateway.domain.TeacherVersion;
import dev.distill.gateway.messaging.TeacherVersionPublisher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Teachers, their versions and the routing of new prompts, kept in PostgreSQL and re-read every
 * {@code distill.gateway.registry-refresh} so all instances follow a change made through any of them. Holds one
 * {@link TeacherChannel} per teacher version in use, rebuilt when its teacher's settings change.
 * The teacher in {@code distill.teacher.*} is registered at start; it is the one Kafka prompts go to.
 */
@ApplicationScoped
public class TeacherRegistry {

    private static final Logger LOG = Logger.getLogger(TeacherRegistry.class);

    /** A channel and the settings it was built from. */
    private record Built(TeacherSpec spec, TeacherVersion version, TeacherChannel channel) {
    }

    private final TeacherStore store;
    private final TeacherConfig seed;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final TeacherMetrics metrics;
    private final TeacherVersionPublisher versions;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Built> channels = new ConcurrentHashMap<>();
    private final List<TeacherChannel> retired = new ArrayList<>();
    private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public TeacherRegistry(TeacherStore store, TeacherConfig seed, GatewayConfig config, Vertx vertx,
            TeacherMetrics metrics, TeacherVersionPublisher versions) {
        this.store = store;
        this.seed = seed;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.versions = versions;
    }

    /**
     * Registers the configured teacher. Its version is announced (and made active) only when it is new, so a
     * version chosen later through the REST API survives a restart.
     */
    void onStart(@Observes StartupEvent start) {
        ApiKeySource key = seed.apiKey().filter(k -> !k.isBlank()).map(k -> new ApiKeySource("config"))
                .or(() -> seed.apiKeyFile().map(f -> new ApiKeySource("file:" + f)))
                .orElse(ApiKeySource.NONE);
        register(new TeacherSpec(seed.name(), seed.baseUrl(), seed.headers(), key, new Limits(seed.limits().maxInFlight(),
                seed.limits().requestsPerMinute(), seed.limits().tokensPerMinute(), seed.limits().timeout())));
        if (snapshot.version(seed.name(), seed.version()).isEmpty()) {
            announce(seed.name(), seed.version(), seed.model(), null, seed.replayPolicy(), seed.replayFraction().orElse(null), 0);
        } else if (!snapshot.routes().containsKey(seed.name())) {
            route(new Route(seed.name(), seed.version(), null, 0));
        }
        LOG.infof("teacher %s: prompts go to %s", seed.name(), snapshot.routes().get(seed.name()));
        ready.complete(null);
    }

    /** Completes once the configured teacher is registered: prompts are not routed before. */
    public CompletionStage<Void> ready() {
        return ready;
    }

    @Scheduled(every = "${distill.gateway.registry-refresh}", delayed = "${distill.gateway.registry-refresh}")
    public synchronized void refresh() {
        snapshot = store.load();
        retired.removeIf(channel -> {
            if (channel.idle()) {
                channel.close();
                return true;
            }
            return false;
        });
    }

    public RegistrySnapshot snapshot() {
        return snapshot;
    }

    /** The teacher Kafka prompts go to. */
    public String defaultTeacher() {
        return seed.name();
    }

    public void register(TeacherSpec teacher) {
        teacher.apiKey().resolve(System::getenv, seed.apiKey().orElse(null)); // fails now, not at the first prompt
        store.upsert(teacher);
        refresh();
    }

    /**
     * Adds a version and routes new prompts to it: all of them, or {@code canaryPercent}% beside the active version.
     * Publishes a TeacherVersionEvent so the prompt generator can replay prompts for it.
     */
    public synchronized TeacherVersionEvent announce(String teacher, String version, String model, String baseUrl,
            String replayPolicy, Double replayFraction, int canaryPercent) {
        refresh();
        if (!snapshot.teachers().containsKey(teacher)) {
            throw new UnroutableException("unknown teacher '" + teacher + "'");
        }
        TeacherVersion announced = new TeacherVersion(teacher, version, model, baseUrl, Instant.now(clock));
        if (!store.addVersion(announced)) {
            throw new VersionExistsException("teacher " + teacher + " already has a version " + version
                    + "; use PUT /teachers/" + teacher + "/route to route prompts to it");
        }
        Route current = snapshot.routes().get(teacher);
        store.setRoute(canaryPercent > 0 && current != null
                ? new Route(teacher, current.activeVersion(), version, canaryPercent)
                : new Route(teacher, version, null, 0));
        refresh();
        TeacherVersionEvent event = new TeacherVersionEvent(TeacherVersionEvent.SCHEMA_VERSION, teacher, model, version,
                announced.announcedAt(), replayPolicy, replayFraction);
        versions.publish(event);
        return event;
    }

    /**
     * A version announced on the topic: registered and made active if this gateway knows the teacher and not yet the
     * version (its own announcements are known already). Another deployment's teachers are ignored.
     */
    public synchronized void adopt(TeacherVersionEvent event) {
        refresh();
        if (!snapshot.teachers().containsKey(event.teacherName())
                || snapshot.version(event.teacherName(), event.version()).isPresent()) {
            return;
        }
        if (store.addVersion(new TeacherVersion(event.teacherName(), event.version(), event.model(), null,
                event.announcedAt()))) {
            store.setRoute(new Route(event.teacherName(), event.version(), null, 0));
            LOG.infof("teacher %s: adopted version %s announced on the topic", event.teacherName(), event.version());
        }
        refresh();
    }

    /** Sets which versions answer new prompts (promote a canary, roll back, change the split). */
    public synchronized void route(Route route) {
        refresh();
        for (String version : new String[] {route.activeVersion(), route.canaryVersion()}) {
            if (version != null && snapshot.version(route.teacher(), version).isEmpty()) {
                throw new UnroutableException("teacher " + route.teacher() + " has no version '" + version + "'");
            }
        }
        store.setRoute(route);
        refresh();
    }

    /** The channel of the version a Kafka prompt goes to: the one it names (a replay), else its route. */
    public TeacherChannel forPrompt(String promptId, String requestedVersion) {
        String teacher = defaultTeacher();
        if (requestedVersion != null) {
            return channel(teacher, requestedVersion);
        }
        return channel(teacher, route(teacher).versionFor(promptId));
    }

    /** The channel for a proxied request: the teacher named as {@code model}, else the default teacher. */
    public TeacherChannel forModel(String model, String requestId) {
        String teacher = model != null && snapshot.teachers().containsKey(model) ? model : defaultTeacher();
        return channel(teacher, route(teacher).versionFor(requestId));
    }

    private Route route(String teacher) {
        Route route = snapshot.routes().get(teacher);
        if (route == null) {
            throw new UnroutableException("teacher '" + teacher + "' has no active version");
        }
        return route;
    }

    private TeacherChannel channel(String teacher, String version) {
        RegistrySnapshot now = snapshot;
        TeacherSpec spec = now.teachers().get(teacher);
        TeacherVersion tv = now.version(teacher, version)
                .orElseThrow(() -> new UnroutableException("teacher " + teacher + " has no version '" + version + "'"));
        Built current = channels.get(teacher + "@" + version);
        if (current != null && current.spec() == spec && current.version() == tv) {
            return current.channel(); // the common case: nothing changed since this snapshot was read
        }
        Built built = channels.compute(teacher + "@" + version, (key, old) -> {
            if (old != null && old.spec().equals(spec) && old.version().equals(tv)) {
                return new Built(spec, tv, old.channel()); // same settings, re-read: keep the channel
            }
            if (old != null) {
                old.channel().retire();
                synchronized (this) {
                    retired.add(old.channel()); // closed once its calls have finished
                }
            }
            return new Built(spec, tv, build(spec, tv));
        });
        return built.channel();
    }

    private TeacherChannel build(TeacherSpec spec, TeacherVersion version) {
        String apiKey = spec.apiKey().resolve(System::getenv, seed.apiKey().orElse(null));
        TeacherEndpoint endpoint = new TeacherEndpoint(vertx, version.baseUrl() != null ? version.baseUrl() : spec.baseUrl(),
                spec.headers(), apiKey, spec.limits().timeout(), spec.limits().maxInFlight());
        return new TeacherChannel(version.ref(), endpoint, spec.limits(),
                new CircuitBreaker(config.circuit().failureThreshold(), config.circuit().openFor(), System::nanoTime),
                new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff()), config.retry().maxAttempts(),
                metrics);
    }
}
