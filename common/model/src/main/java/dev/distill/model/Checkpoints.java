package dev.distill.model;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The checkpoint format: a directory holding
 *
 * <ul>
 *   <li>{@code student.params}: the DJL block parameters ({@code Block.saveParameters});
 *   <li>{@code config.json}: format version, {@link StudentConfig}, tokenizer name and version,
 *       parameter count and (from format 2) the SHA-256 of {@code student.params};
 *   <li>{@code training.json}: free-form metadata from the trainer (step, samples seen, teacher
 *       versions, loss, ...);
 *   <li>{@code optimizer.bin} (optional): the {@link OptimizerState} a resumed run continues from, its SHA-256
 *       in {@code config.json}. Readers that only need the student ignore it.
 * </ul>
 *
 * <p>Saving is atomic: files are written and fsynced into a hidden sibling temporary directory
 * which is then renamed with {@code ATOMIC_MOVE}, so readers never see a half-written checkpoint.
 * Checkpoints are immutable: saving onto an existing directory fails. Loading verifies the parameters' SHA-256, so
 * a damaged file that DJL could still parse is refused; format 1 (no checksum) is still read.
 */
public final class Checkpoints {

    public static final int FORMAT_VERSION = 2;
    /** The first format, without a parameters checksum; still readable. */
    static final int FORMAT_VERSION_WITHOUT_CHECKSUM = 1;
    public static final String PARAMETERS_FILE = "student.params";
    public static final String CONFIG_FILE = "config.json";
    public static final String TRAINING_FILE = "training.json";
    public static final String OPTIMIZER_FILE = "optimizer.bin";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {}

    /**
     * The parsed {@code config.json} of a checkpoint; {@code parametersSha256} is null in format 1,
     * {@code optimizerSha256} when the checkpoint holds no optimizer state.
     */
    public record CheckpointInfo(int formatVersion, StudentConfig student, String tokenizer, int tokenizerVersion,
            long parameterCount, String parametersSha256, String optimizerSha256) {}

    /** Atomically writes a checkpoint directory {@code dir} (which must not exist yet) without optimizer state. */
    public static Path save(Student student, Path dir, Map<String, ?> training) {
        return save(student, null, dir, training);
    }

    /**
     * Atomically writes a checkpoint directory {@code dir} (which must not exist yet); {@code optimizer}, when not
     * null, is saved so that training can resume exactly.
     */
    public static Path save(Student student, OptimizerState optimizer, Path dir, Map<String, ?> training) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(),
                    null, "checkpoint directory already exists; checkpoints are immutable"));
        }
        Path parent = target.getParent();
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(temp);
            String parametersSha256 = writeHashed(temp.resolve(PARAMETERS_FILE),
                    out -> student.network().saveParameters(out));
            String optimizerSha256 = optimizer == null ? null
                    : writeHashed(temp.resolve(OPTIMIZER_FILE), optimizer::write);
            CheckpointInfo info = new CheckpointInfo(FORMAT_VERSION, student.config(), ByteTokenizer.NAME,
                    ByteTokenizer.VERSION, student.parameterCount(), parametersSha256, optimizerSha256);
            JSON.writeValue(temp.resolve(CONFIG_FILE).toFile(), info);
            JSON.writeValue(temp.resolve(TRAINING_FILE).toFile(), training == null ? Map.of() : training);
            try (Stream<Path> files = Files.list(temp)) {
                for (Path file : files.toList()) {
                    fsync(file, false);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            fsync(parent, true);
            return target;
        } catch (IOException e) {
            deleteQuietly(temp);
            // the exception's type says what went wrong (AccessDenied, NoSuchFile, ...) where its message is only a path
            throw new UncheckedIOException("failed to save checkpoint to " + target + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private interface DataWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Writes {@code file} and returns the hex SHA-256 of what was written. */
    private static String writeHashed(Path file, DataWriter writer) throws IOException {
        MessageDigest digest = sha256();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(
                Files.newOutputStream(file), digest)))) {
            writer.write(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads and validates {@code config.json}. */
    public static CheckpointInfo readInfo(Path dir) {
        Path config = dir.resolve(CONFIG_FILE);
        if (!Files.isDirectory(dir)) {
            throw new InvalidCheckpointException(dir, "not a directory");
        }
        if (!Files.isRegularFile(config) || !Files.isRegularFile(dir.resolve(PARAMETERS_FILE))) {
            throw new InvalidCheckpointException(dir, "missing " + CONFIG_FILE + " or " + PARAMETERS_FILE);
        }
        JsonNode node;
        try {
            node = JSON.readTree(config.toFile());
        } catch (IOException e) {
            throw new InvalidCheckpointException(dir, CONFIG_FILE + " is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.has("formatVersion") || !node.has("student")) {
            throw new InvalidCheckpointException(dir, CONFIG_FILE + " lacks formatVersion/student");
        }
        int format = node.get("formatVersion").asInt(-1);
        if (format != FORMAT_VERSION && format != FORMAT_VERSION_WITHOUT_CHECKSUM) {
            throw new InvalidCheckpointException(dir, "unsupported format version " + format + " (expected "
                    + FORMAT_VERSION_WITHOUT_CHECKSUM + " or " + FORMAT_VERSION + ")");
        }
        try {
            CheckpointInfo info = JSON.treeToValue(node, CheckpointInfo.class);
            if (!ByteTokenizer.NAME.equals(info.tokenizer()) || info.tokenizerVersion() != ByteTokenizer.VERSION) {
                throw new InvalidCheckpointException(dir, "tokenizer " + info.tokenizer() + " v" + info.tokenizerVersion()
                        + " is not supported (expected " + ByteTokenizer.NAME + " v" + ByteTokenizer.VERSION + ")");
            }
            if (format == FORMAT_VERSION && (info.parametersSha256() == null || info.parametersSha256().isBlank())) {
                throw new InvalidCheckpointException(dir, CONFIG_FILE + " lacks parametersSha256");
            }
            return info;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCheckpointException(dir, "invalid " + CONFIG_FILE + ": " + e.getMessage());
        }
    }

    /** Reads {@code training.json} (empty map when absent). */
    public static Map<String, Object> readTraining(Path dir) {
        Path file = dir.resolve(TRAINING_FILE);
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new InvalidCheckpointException(dir, "invalid " + TRAINING_FILE + ": " + e.getMessage());
        }
    }

    /** Loads the student of a checkpoint directory. */
    public static Student load(Path dir) {
        CheckpointInfo info = readInfo(dir);
        if (info.parametersSha256() != null) {
            verifyChecksum(dir, PARAMETERS_FILE, info.parametersSha256());
        }
        Student student = Student.allocate(info.student());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(PARAMETERS_FILE))))) {
            student.network().loadParameters(student.manager(), in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            student.close();
            throw new InvalidCheckpointException(dir, "cannot read " + PARAMETERS_FILE + ": " + e.getMessage());
        }
        if (student.parameterCount() != info.parameterCount()) {
            long actual = student.parameterCount();
            student.close();
            throw new InvalidCheckpointException(dir, "parameter count " + actual + " differs from config.json's "
                    + info.parameterCount());
        }
        return student;
    }

    /**
     * The optimizer state saved with a checkpoint, or empty when it has none (saved without, or before the format
     * held it). A damaged or unreadable state is an {@link InvalidCheckpointException}, like damaged parameters.
     */
    public static Optional<OptimizerState> loadOptimizerState(Path dir) {
        CheckpointInfo info = readInfo(dir);
        if (info.optimizerSha256() == null) {
            return Optional.empty();
        }
        verifyChecksum(dir, OPTIMIZER_FILE, info.optimizerSha256());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(OPTIMIZER_FILE))))) {
            return Optional.of(OptimizerState.read(in));
        } catch (IOException | RuntimeException e) {
            throw new InvalidCheckpointException(dir, "cannot read " + OPTIMIZER_FILE + ": " + e.getMessage());
        }
    }

    /** Refuses a file whose bytes are not the ones saved, before anything reads it. */
    private static void verifyChecksum(Path dir, String file, String expected) {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(dir.resolve(file)), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidCheckpointException(dir, "cannot read " + file + ": " + e.getMessage());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new InvalidCheckpointException(dir, "SHA-256 checksum of " + file + " is " + actual
                    + ", but " + CONFIG_FILE + " records " + expected + " (the file is damaged)");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** True if {@code dir} looks like a checkpoint (both required files present). */
    public static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG_FILE)) && Files.isRegularFile(dir.resolve(PARAMETERS_FILE));
    }


    /** Flushes a file (or, best effort, a directory entry) to disk so a committed offset never outlives it. */
    private static void fsync(Path path, boolean directory) throws IOException {
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some platforms cannot open directories for syncing; the rename is still atomic
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort cleanup of our own temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
