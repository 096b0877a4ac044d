package dev.distill.local;

/** A benchmark's denominator: how many records a plain Kafka client moved, and in how long. */
record RawRate(long count, double seconds) {

    double rate() {
        return count / seconds;
    }
}
