package dev.distill.curator.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** Curation settings; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "distill.curator")
public interface CuratorConfig {

    /** The filter chain by filter name, in the order it runs. A filter not listed is switched off. */
    List<String> filters();

    /** Batches of responses curated at the same time (worker pool size of the consumer). */
    int concurrency();

    Length length();

    Refusal refusal();

    Verification verification();

    Confidence confidence();

    NearDedup nearDedup();

    Decontamination decontamination();

    interface Length {
        /** Fewest characters a completion may have. */
        int minChars();

        /** Most characters a completion may have. */
        int maxChars();
    }

    interface Refusal {
        /** Regular expressions (case-insensitive, any language) that mark a completion as a refusal when found. */
        List<String> patterns();
    }

    interface Verification {
        /** Two numeric final answers match when they differ by at most this, relative to the reference (min 1). */
        double numericTolerance();
    }

    interface Confidence {
        /** Lowest accepted mean token logprob of the completion; responses without logprobs pass. */
        double minMeanLogprob();
    }

    interface NearDedup {
        /** Estimated Jaccard similarity of word shingles at or above which a sample is a near-duplicate. */
        double threshold();

        /** Words per shingle. */
        int shingleWords();

        /** LSH bands; the MinHash signature has bands x rows values. */
        int bands();

        int rows();

        /** A dataset version's in-memory bucket index is dropped after this long unused, and read again when needed. */
        java.time.Duration indexIdle();
    }

    interface Decontamination {
        /** Words per n-gram compared with benchmark prompts (a shorter prompt is compared whole). */
        int ngramWords();

        /** How long curation waits at startup for the benchmark suites to be read before it fails the record. */
        java.time.Duration loadTimeout();
    }
}
