package dev.distill.evaluator.client;

/** The gateway did not give a teacher's answer; the message says what it did instead. */
public class TeacherCallException extends RuntimeException {

    public TeacherCallException(String message) {
        super(message);
    }
}
