package dev.distill.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One overlay rendered by {@code kubectl kustomize}, as the list of objects it would apply. */
record RenderedManifests(String overlay, List<JsonNode> objects) {

    /** Where Debian and most distributions put it; {@code -Dkubectl=...} or the PATH otherwise. */
    private static final List<String> KUBECTL_CANDIDATES = List.of("/usr/bin/kubectl", "/usr/local/bin/kubectl");

    static RenderedManifests render(Path repoRoot, String overlay) {
        Path dir = repoRoot.resolve("deploy/k8s/overlays").resolve(overlay);
        try {
            Process process = new ProcessBuilder(kubectl(), "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + err);
            }
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(out)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        objects.add(doc);
                    }
                }
            }
            return new RenderedManifests(overlay, objects);
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** kubectl is required, never skipped: an unrendered manifest is exactly what these tests exist to prevent. */
    static String kubectl() {
        String configured = System.getProperty("kubectl");
        if (configured != null) {
            return configured;
        }
        for (String candidate : KUBECTL_CANDIDATES) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new AssertionError("kubectl is not installed, and the manifest tests need it to render the Kustomize "
                + "overlays. Install it (e.g. https://kubernetes.io/docs/tasks/tools/ or Debian's kubernetes-client "
                + "package) or pass -Dkubectl=/path/to/kubectl.");
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
