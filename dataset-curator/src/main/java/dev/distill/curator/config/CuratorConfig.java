package dev.distill.curator.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** Curation settings; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "distill.curator")
public interface CuratorConfig {

    /** The filter chain by filter name, in the order it runs. A filter not listed is switched off. */
    List<String> filters();

    /** Responses curated at the same time (worker pool size of the consumer). */
    int concurrency();
}
