package dev.distill.referenceteacher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Which teacher this process impersonates. Defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "teacher")
public interface TeacherConfig {

    /** Base model name; the served model id is {@code <model-name>-<version>}, e.g. {@code reference-teacher-v1}. */
    @WithDefault("reference-teacher")
    String modelName();

    /** The release served, e.g. {@code v1}; must have an entry in {@link #errorRate()}. */
    String version();

    /** Per version, the fraction of recognised prompts answered wrongly (deterministic per prompt), in [0,1]. */
    Map<String, Double> errorRate();
}
