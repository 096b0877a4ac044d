package dev.distill.evaluator.rest;

import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.domain.Promotion;
import dev.distill.evaluator.domain.TeacherBaseline;
import dev.distill.evaluator.service.Suites;
import dev.distill.evaluator.service.TeacherBaselines;
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
import java.util.Optional;

@Path("/students")
@Produces(MediaType.APPLICATION_JSON)
public class StudentResource {

    /**
     * The current champion's scores on the built-in suite and the promotions that led to it, beside the teacher's
     * accuracy on that suite for the champion's teacher version and the champion's agreement with the teacher's
     * answers (null while there is no baseline).
     */
    public record ChampionView(String studentId, String checkpointId, String teacherVersion, double accuracy,
            Map<String, Double> perSkillAccuracy, Instant promotedAt, List<PromotionEvent> promotions,
            Double teacherBaseline, Map<String, Double> perSkillTeacherBaseline, Double agreementWithTeacher) {
    }

    private final Suites suites;

    public StudentResource(Suites suites) {
        this.suites = suites;
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
            // the baseline may have been computed after the champion was scored
            Optional<TeacherBaselines.Baseline> baseline = Optional.ofNullable(champion.teacherVersion)
                    .map(version -> TeacherBaseline.<TeacherBaseline>findById(
                            TeacherBaseline.idOf(version, suites.builtin().name())))
                    .filter(row -> row.digest.equals(suites.builtin().digest()))
                    .flatMap(TeacherBaselines::ready);
            return new ChampionView(studentId, champion.checkpointId, champion.teacherVersion, champion.accuracy,
                    scores.perSkillAccuracy(), champion.promotedAt, promotions,
                    baseline.map(TeacherBaselines.Baseline::accuracy).orElse(scores.teacherBaseline()),
                    baseline.map(TeacherBaselines.Baseline::perSkill).orElse(scores.perSkillTeacherBaseline()),
                    scores.agreementWithTeacher());
        });
    }
}
