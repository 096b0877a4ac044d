package dev.distill.evaluator.rest;

import dev.distill.evaluator.domain.TeacherBaseline;
import dev.distill.evaluator.service.EvalSuite;
import dev.distill.evaluator.service.InvalidSuiteException;
import dev.distill.evaluator.service.SuiteRegistration;
import dev.distill.evaluator.service.Suites;
import dev.distill.evaluator.service.TeacherBaselines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The suites checkpoints are scored on: the built-in one and custom ones registered here as JSONL, one
 * {@code {"prompt", "reference", "verifier", "skill"}} object a line. A file with any invalid line is rejected whole
 * (400, with each bad line's number and reason).
 */
@Path("/suites")
@Produces(MediaType.APPLICATION_JSON)
public class SuiteResource {

    /** A suite: where it comes from (builtin or custom), how many prompts, per skill too. */
    public record SuiteSummary(String name, String source, int size, Map<String, Integer> skills, Instant created) {
    }

    /** The teacher's score on the suite for one teacher version (status ready or failed, with the reason). */
    public record BaselineView(String teacherVersion, String status, int prompts, Double accuracy,
            Map<String, Double> perSkillAccuracy, String reason, int attempts, Long durationMs, Instant updatedAt) {
    }

    public record SuiteView(String name, String source, int size, Map<String, Integer> skills, Instant created,
            List<BaselineView> teacherBaselines) {
    }

    private final Suites suites;
    private final SuiteRegistration registration;

    public SuiteResource(Suites suites, SuiteRegistration registration) {
        this.suites = suites;
        this.registration = registration;
    }

    @GET
    public List<SuiteSummary> list() {
        return suites.all().stream().map(SuiteResource::summary).toList();
    }

    @GET
    @Path("/{name}")
    public SuiteView get(@PathParam("name") String name) {
        EvalSuite suite = suites.find(name).orElseThrow(() -> new NotFoundException("no suite named " + name));
        List<BaselineView> baselines = QuarkusTransaction.requiringNew().call(() -> TeacherBaseline.ofSuite(name)
                .stream().filter(row -> row.digest.equals(suite.digest())).map(SuiteResource::view).toList());
        return new SuiteView(suite.name(), suite.source(), suite.items().size(), suite.skills(), suite.createdAt(),
                baselines);
    }

    @POST
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response register(@PathParam("name") String name, InputStream body) {
        EvalSuite suite = registration.register(name, utf8(body));
        return Response.status(Response.Status.CREATED).entity(summary(suite)).build();
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name) {
        registration.delete(name).orElseThrow(() -> new NotFoundException("no custom suite named " + name));
        return Response.noContent().build();
    }

    private static SuiteSummary summary(EvalSuite suite) {
        return new SuiteSummary(suite.name(), suite.source(), suite.items().size(), suite.skills(), suite.createdAt());
    }

    private static BaselineView view(TeacherBaseline row) {
        return new BaselineView(row.teacherVersion, row.status, row.prompts, row.accuracy,
                TeacherBaselines.ready(row).map(TeacherBaselines.Baseline::perSkill).orElse(null), row.reason,
                row.attempts, row.durationMs, row.updatedAt);
    }

    private static String utf8(InputStream body) {
        if (body == null) {
            return "";
        }
        try (body) {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSuiteException("the file is not valid UTF-8", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
