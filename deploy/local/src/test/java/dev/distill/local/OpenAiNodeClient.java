package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official OpenAI client library (the {@code openai} npm package, pinned) installed from npm into a folder under
 * target/, beside the Node.js scripts of {@code src/test/resources/openai-client} that the ITs run with it.
 */
final class OpenAiNodeClient {

    private static final String OPENAI_NPM = "openai@7.59.0";

    private OpenAiNodeClient() {
    }

    /** Installs the package into {@code dir} once, and copies {@code scripts} there. */
    static Path install(Path dir, String... scripts) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), "{\"private\":true,\"type\":\"module\"}\n");
        if (!Files.isDirectory(dir.resolve("node_modules/openai"))) {
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", OPENAI_NPM));
        }
        for (String script : scripts) {
            try (InputStream in = OpenAiNodeClient.class.getResourceAsStream("/openai-client/" + script)) {
                Files.copy(in, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** Runs {@code command} in {@code dir}; it must succeed within 3 minutes. Returns its output. */
    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + output).isZero();
        return output;
    }
}
