package dev.distill.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./distill bench-kd [steps] [eval-every]}: cross-entropy against top-k distillation from the reference
 * teacher ({@code dev.distill.model.bench.KdComparison}). The comparison trains two students, so it needs the model
 * module and libtorch, which this launcher does not carry; it runs in a JVM of its own on the trainer's runtime
 * classpath (the same model code the trainer trains with) plus the skills, and starts the reference teacher's built
 * jar itself.
 */
final class KdBenchmark {

    private static final String MAIN = "dev.distill.model.bench.KdComparison";

    private KdBenchmark() {
    }

    static void run(Path root, int steps, int evalEvery, ProgressLog out) throws IOException, InterruptedException {
        List<String> command = command(root, steps, evalEvery);
        out.info("KD vs CE on addition from the reference teacher: " + steps + " steps, evaluated every " + evalEvery);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        // libtorch's OpenMP threads otherwise spin-wait, which on shared cores makes training several times slower
        builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new StackFailure("the KD comparison exited with " + exit);
        }
    }

    static List<String> command(Path root, int steps, int evalEvery) {
        Path trainerLib = root.resolve("trainer/target/quarkus-app/lib/main");
        Path teacherJar = root.resolve("deploy/reference-teacher/target/quarkus-app/quarkus-run.jar");
        if (!Files.isDirectory(trainerLib) || !Files.isRegularFile(teacherJar)) {
            throw new StackFailure("the trainer or the reference teacher is not built; run ./mvnw -B -q -DskipTests install");
        }
        String classpath = trainerLib + "/*" + java.io.File.pathSeparator + skillsJar(root.resolve("deploy/local/target/lib"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath, MAIN, "--steps", Integer.toString(steps),
                "--eval-every", Integer.toString(evalEvery), "--teacher-jar", teacherJar.toString()));
        return command;
    }

    private static Path skillsJar(Path lib) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "distill-skills-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new StackFailure("no distill-skills jar in " + lib);
    }
}
