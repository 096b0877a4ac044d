package dev.distill.evaluator.rest;

import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.service.EvalSuite;
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

    /**
     * One scored checkpoint: which teacher version it learned from, what the gate said, whether it is a champion,
     * and beside it the teacher's accuracy on the suite and the checkpoint's agreement with it (null without a
     * baseline).
     */
    public record Entry(int rank, String studentId, String checkpointId, String teacherVersion, String suite,
            double accuracy, String verdict, boolean champion, Instant scoredAt, Double teacherBaseline,
            Double agreementWithTeacher) {
    }

    /**
     * The best scored checkpoints on {@code suite} (the built-in one, which the gate judges, by default) first, at
     * most {@code limit}. A champion is marked on the built-in suite only: champions are chosen there.
     */
    @GET
    public List<Entry> leaderboard(@QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("suite") @DefaultValue(EvalSuite.BUILTIN) String suite) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> champions = Champion.<Champion>listAll().stream().map(c -> c.benchmarkId)
                    .collect(Collectors.toSet());
            List<BenchmarkResult> best = BenchmarkResult.best(suite, Math.max(1, Math.min(limit, 1000)));
            return IntStream.range(0, best.size()).mapToObj(i -> {
                BenchmarkResult r = best.get(i);
                return new Entry(i + 1, r.studentId, r.checkpointId, r.teacherVersion, r.suite, r.accuracy, r.verdict,
                        champions.contains(r.benchmarkId), r.createdAt, r.teacherBaseline, r.agreement);
            }).toList();
        });
    }
}
