package dev.distill.promptgenerator.rest;

import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.domain.PromptSource;
import dev.distill.promptgenerator.service.PromptSources;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Prompt files (JSONL): uploaded as the request body, streamed line by line, or read from the configured directory.
 * The answer counts valid and invalid lines and lists the first invalid ones with their line numbers.
 */
@jakarta.ws.rs.Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    static final int ERRORS_SHOWN = 100;

    private final PromptSources sources;
    private final GeneratorConfig.Sources config;

    public SourceResource(PromptSources sources, GeneratorConfig config) {
        this.sources = sources;
        this.config = config.sources();
    }

    /** {@code POST /sources?name=...} with the JSONL file as the body; the body is read as it arrives. */
    @POST
    @Consumes({ "application/jsonl", "application/x-ndjson", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    public Response upload(@QueryParam("name") String name, InputStream body, @Context UriInfo uri) {
        PromptSource source = sources.importLines(name == null || name.isBlank() ? "upload" : name, "upload", body);
        return created(source, uri);
    }

    public record PathRequest(String path, String name) {
    }

    /** {@code POST /sources} with {@code {"path": "prompts/x.jsonl"}}: a file under {@code generator.sources.directory}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response read(PathRequest request, @Context UriInfo uri) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new InvalidFieldException("path", "path is required (relative to generator.sources.directory), or "
                    + "upload the file as an application/jsonl body");
        }
        Path directory = config.directory().orElseThrow(() -> new InvalidFieldException("path",
                "no generator.sources.directory is configured; upload the file as an application/jsonl body"));
        Path root = directory.toAbsolutePath().normalize();
        Path file = root.resolve(request.path()).normalize();
        if (!file.startsWith(root)) {
            throw new InvalidFieldException("path", "path must stay inside the sources directory");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidFieldException("path", "no readable file " + request.path() + " in the sources directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            String name = request.name() == null || request.name().isBlank() ? request.path() : request.name();
            return created(sources.importLines(name, "path", in), uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @GET
    public List<SourceView> list() {
        return sources.list().stream().map(s -> SourceView.of(s, List.of())).toList();
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    public SourceView get(@PathParam("id") String id) {
        PromptSource source = sources.find(id).orElseThrow(() -> new NotFoundException("no prompt source " + id));
        return SourceView.of(source, sources.errors(id, ERRORS_SHOWN));
    }

    private Response created(PromptSource source, UriInfo uri) {
        return Response.created(uri.getAbsolutePathBuilder().path(source.id).build())
                .entity(SourceView.of(source, sources.errors(source.id, ERRORS_SHOWN))).build();
    }

    /** A prompt file: line counts and the first invalid lines. */
    public record SourceView(String id, String name, String origin, long linesTotal, long linesValid,
            long linesInvalid, List<PromptSources.LineError> errors, Instant createdAt) {

        static SourceView of(PromptSource s, List<PromptSources.LineError> errors) {
            return new SourceView(s.id, s.name, s.origin, s.linesTotal, s.linesValid, s.linesInvalid, errors,
                    s.createdAt);
        }
    }
}
