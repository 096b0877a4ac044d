package dev.distill.local;

import java.io.PrintStream;

/** Where the launcher talks to the person running it: one line per event, or a live status line on a terminal. */
public final class ProgressLog {

    private final PrintStream out;
    private final boolean terminal;
    private boolean statusShown;

    public ProgressLog(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public static ProgressLog console() {
        return new ProgressLog(System.out, System.console() != null);
    }

    /** How often a caller should refresh the status: often on a terminal, sparingly in a log. */
    public java.time.Duration statusInterval() {
        return java.time.Duration.ofSeconds(terminal ? 2 : 10);
    }

    public synchronized void info(String line) {
        clearStatus();
        out.println(line);
        out.flush();
    }

    /** On a terminal the status line is redrawn in place; elsewhere (logs, CI) it is printed as a line. */
    public synchronized void status(String line) {
        if (terminal) {
            out.print("\r\033[2K" + line);
            statusShown = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void clearStatus() {
        if (statusShown) {
            out.print("\r\033[2K");
            statusShown = false;
        }
    }
}
