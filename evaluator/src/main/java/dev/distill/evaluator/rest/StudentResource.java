package dev.distill.evaluator.rest;

import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.domain.Promotion;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/students")
@Produces(MediaType.APPLICATION_JSON)
public class StudentResource {

    /** The current champion's scores and the promotions that led to it. */
    public record ChampionView(String studentId, String checkpointId, String teacherVersion, double accuracy,
            Map<String, Double> perSkillAccuracy, Instant promotedAt, List<PromotionEvent> promotions) {
    }

    @GET
    @Path("/{studentId}/champion")
    public ChampionView champion(@PathParam("studentId") String studentId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Champion champion = Champion.findById(studentId);
            if (champion == null) {
                throw new NotFoundException("student " + studentId + " has no champion yet");
            }
            BenchmarkEvent scores = EventCodec.fromJson(
                    BenchmarkResult.<BenchmarkResult>findById(champion.benchmarkId).eventJson, BenchmarkEvent.class);
            List<PromotionEvent> promotions = Promotion.ofStudent(studentId).stream()
                    .map(p -> EventCodec.fromJson(p.eventJson, PromotionEvent.class)).toList();
            return new ChampionView(studentId, champion.checkpointId, champion.teacherVersion, champion.accuracy,
                    scores.perSkillAccuracy(), champion.promotedAt, promotions);
        });
    }
}
