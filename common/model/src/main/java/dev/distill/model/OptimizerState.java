package dev.distill.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run stands: the number of completed optimiser steps, the step its learning-rate schedule started
 * at (a new round restarts the schedule), and AdamW's first and second moments per parameter, in
 * {@link StudentTrainer}'s parameter order, with the number of updates folded into them (for the bias correction).
 * Without moments (a checkpoint from before they were saved, or a new round) training goes on with fresh ones.
 */
public record OptimizerState(long step, long scheduleStart, long momentUpdates, List<float[]> means,
        List<float[]> variances) {

    private static final int MAGIC = 0x41444D57; // "ADMW"
    private static final int VERSION = 1;

    public OptimizerState {
        if (step < 0 || scheduleStart < 0 || scheduleStart > step || momentUpdates < 0) {
            throw new IllegalArgumentException("need 0 <= scheduleStart <= step and momentUpdates >= 0, got "
                    + scheduleStart + ", " + step + ", " + momentUpdates);
        }
        means = List.copyOf(means);
        variances = List.copyOf(variances);
        if (means.size() != variances.size()) {
            throw new IllegalArgumentException("moments for " + means.size() + " and " + variances.size() + " parameters");
        }
    }

    /** A new run. */
    public static OptimizerState initial() {
        return atStep(0, 0);
    }

    /** At {@code step} of a schedule that started at {@code scheduleStart}, with fresh moments. */
    public static OptimizerState atStep(long step, long scheduleStart) {
        return new OptimizerState(step, scheduleStart, 0, List.of(), List.of());
    }

    /** A new round at {@code step}: the schedule starts again (warm-up first), with fresh moments. */
    public static OptimizerState newRound(long step) {
        return atStep(step, step);
    }

    public boolean hasMoments() {
        return !means.isEmpty();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(step);
        out.writeLong(scheduleStart);
        out.writeLong(momentUpdates);
        out.writeInt(means.size());
        for (int i = 0; i < means.size(); i++) {
            writeFloats(out, means.get(i));
            writeFloats(out, variances.get(i));
        }
    }

    static OptimizerState read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not an optimizer state file");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported optimizer state version " + version);
        }
        long step = in.readLong();
        long scheduleStart = in.readLong();
        long momentUpdates = in.readLong();
        int count = in.readInt();
        List<float[]> m = new ArrayList<>(count);
        List<float[]> v = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            m.add(readFloats(in));
            v.add(readFloats(in));
        }
        return new OptimizerState(step, scheduleStart, momentUpdates, m, v);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length " + length);
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
