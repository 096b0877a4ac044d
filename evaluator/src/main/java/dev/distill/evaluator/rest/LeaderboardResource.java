package dev.distill.evaluator.rest;

import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.evaluator.domain.Champion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

@Path("/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {

    /** One scored checkpoint: which teacher version it learned from, what the gate said, whether it is a champion. */
    public record Entry(int rank, String studentId, String checkpointId, String teacherVersion, String suite,
            double accuracy, String verdict, boolean champion, Instant scoredAt) {
    }

    /** The best scored checkpoints first, at most {@code limit}. */
    @GET
    public List<Entry> leaderboard(@QueryParam("limit") @DefaultValue("50") int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> champions = Champion.<Champion>listAll().stream().map(c -> c.benchmarkId)
                    .collect(Collectors.toSet());
            List<BenchmarkResult> best = BenchmarkResult.best(Math.max(1, Math.min(limit, 1000)));
            return IntStream.range(0, best.size()).mapToObj(i -> {
                BenchmarkResult r = best.get(i);
                return new Entry(i + 1, r.studentId, r.checkpointId, r.teacherVersion, r.suite, r.accuracy, r.verdict,
                        champions.contains(r.benchmarkId), r.createdAt);
            }).toList();
        });
    }
}
