package dev.distill.promptgenerator.rest;

import dev.distill.events.Sampling;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.Replay;
import dev.distill.promptgenerator.service.CampaignPlan;
import dev.distill.promptgenerator.service.Curriculum;
import dev.distill.promptgenerator.service.PromptSources;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign as the API shows it: its definition and its status. {@code pendingCount} is what it will still emit,
 * {@code observedRatePerSecond} the rate over the last ten seconds on this instance, {@code fileErrors} the invalid
 * lines of its source (file campaigns), {@code replay} its own replay policy (null: each version's announcement).
 */
public record CampaignView(String id, String name, String source, Map<String, Double> skills,
        List<Curriculum.Stage> curriculum, long requestedCount, long emittedCount, long pendingCount,
        long duplicateCount, String state, double ratePerSecond, double observedRatePerSecond, boolean waitingForLag,
        long seed, String split, Sampling sampling, ReplayPolicy replay, List<ReplayView> replays,
        FileErrors fileErrors, String failureReason, String completionNote, Instant createdAt, Instant updatedAt) {

    public record ReplayPolicy(String policy, Double fraction) {
    }

    public record ReplayView(String teacherName, String teacherVersion, String policy, double fraction,
            long considered, long emittedCount, String state, String failureReason) {

        static ReplayView of(Replay r) {
            return new ReplayView(r.teacherName, r.teacherVersion, r.policy, r.fraction, r.considered, r.emittedCount,
                    r.state.name(), r.failureReason);
        }
    }

    /** How many lines of the source were invalid, and the first of them with their line number and reason. */
    public record FileErrors(long invalidLines, List<PromptSources.LineError> lines) {
    }

    static CampaignView of(Campaign c, List<Replay> replays, FileErrors fileErrors, double observedRate,
            boolean waitingForLag) {
        long pending = c.state.isFinal() ? 0 : Math.max(0, c.requestedCount - c.emittedCount);
        return new CampaignView(c.id, c.name, c.sourceId, CampaignPlan.skillsOf(c),
                c.curriculum == null ? null : Curriculum.fromJson(c.curriculum).stages(), c.requestedCount,
                c.emittedCount, pending, c.duplicateCount, c.state.name(), c.ratePerSecond, observedRate,
                waitingForLag, c.seed, c.split, new Sampling(c.temperature, c.maxTokens, c.topLogprobs),
                c.replayPolicy == null ? null : new ReplayPolicy(c.replayPolicy, c.replayFraction),
                replays.stream().map(ReplayView::of).toList(), fileErrors, c.failureReason, c.completionNote,
                c.createdAt, c.updatedAt);
    }
}
