package dev.distill.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * One-time configuration of DJL's PyTorch engine for these machines: offline (libtorch comes from
 * the bundled {@code pytorch-native-cpu} jar, nothing is downloaded), native files unpacked under
 * {@code DJL_CACHE_DIR} (default {@code ./target/djl-cache}, never the home directory), and a
 * configurable number of intra-op threads.
 *
 * <p>Threads: system property {@code distill.model.threads} or environment variable {@code
 * DISTILL_MODEL_THREADS}; default: available processors. Inter-op threads are 1 (the model runs one
 * op at a time).
 *
 * <p>Device: system property {@code distill.model.device} or environment variable {@code DISTILL_MODEL_DEVICE}, or
 * {@link #useDevice}: {@code auto} (the default: the first GPU when libtorch sees one, else the CPU), {@code cpu} or
 * {@code gpu}. A GPU needs the CUDA build of libtorch on the machine; the bundled one is CPU-only.
 */
public final class DjlEnvironment {

    public static final String ENGINE = "PyTorch";
    public static final String THREADS_PROPERTY = "distill.model.threads";
    public static final String THREADS_ENV = "DISTILL_MODEL_THREADS";

    public static final String DEVICE_PROPERTY = "distill.model.device";
    public static final String DEVICE_ENV = "DISTILL_MODEL_DEVICE";

    private static volatile Engine engine;
    private static volatile Device device;

    private DjlEnvironment() {}

    /** Configures (first call only) and returns the PyTorch engine. */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (DjlEnvironment.class) {
                if (engine == null) {
                    configureProperties();
                    engine = Engine.getEngine(ENGINE);
                    JniUtils.setNumThreads(defaultThreads());
                }
                e = engine;
            }
        }
        return e;
    }

    /** Changes the number of intra-op threads for the whole JVM. */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** The device models are placed on, chosen on first use (see the class comment). */
    public static Device device() {
        Device d = device;
        if (d == null) {
            String choice = System.getProperty(DEVICE_PROPERTY, System.getenv(DEVICE_ENV));
            d = useDevice(isBlank(choice) ? "auto" : choice);
        }
        return d;
    }

    /**
     * Places models created from now on on {@code choice} ({@code auto}, {@code cpu} or {@code gpu}) and returns the
     * device; {@code gpu} where libtorch sees none is refused with what to do about it.
     */
    public static Device useDevice(String choice) {
        Device chosen = selectDevice(choice, engine().getGpuCount());
        device = chosen;
        return chosen;
    }

    static Device selectDevice(String choice, int gpus) {
        return switch (choice.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalStateException("the device is set to gpu, but libtorch sees no GPU: the image"
                            + " needs the CUDA build of libtorch and the node an NVIDIA GPU with its driver (see the"
                            + " README, \"Training on a GPU\")");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("unknown device '" + choice + "': use auto, cpu or gpu");
        };
    }

    public static int intraOpThreads() {
        engine();
        return JniUtils.getNumThreads();
    }

    static int defaultThreads() {
        String v = System.getProperty(THREADS_PROPERTY, System.getenv(THREADS_ENV));
        if (v != null && !v.isBlank()) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static void configureProperties() {
        // DJL reads DJL_CACHE_DIR from the environment first, then system properties, else ~/.djl.ai.
        if (isBlank(System.getenv("DJL_CACHE_DIR")) && isBlank(System.getProperty("DJL_CACHE_DIR"))) {
            System.setProperty("DJL_CACHE_DIR", Path.of("target", "djl-cache").toAbsolutePath().toString());
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(defaultThreads()));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
