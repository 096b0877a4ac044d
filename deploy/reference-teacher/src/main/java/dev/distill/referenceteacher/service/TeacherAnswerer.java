package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.config.TeacherIdentity;
import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Answers a prompt the way this teacher version does: the skill's worked solution, or, for the prompts this version
 * gets wrong, the solution of a misread problem (consistent steps, wrong final answer); a polite non-answer otherwise.
 */
@ApplicationScoped
public class TeacherAnswerer {

    static final String UNRECOGNISED_REPLY = "I'm the reference teacher, and I can only work through the built-in "
            + "practice problems, for example \"What is 12 + 34?\". I could not find such a problem in your message, "
            + "so I cannot give a worked answer to it.";

    private final ProblemRecognition recognition;
    private final TeacherIdentity identity;

    public TeacherAnswerer(ProblemRecognition recognition, TeacherIdentity identity) {
        this.recognition = recognition;
        this.identity = identity;
    }

    public Answer answer(String prompt) {
        return answer(prompt, identity.version(), identity.errorRate());
    }

    /** Version and rate explicit, so other versions can be measured without restarting. */
    public Answer answer(String prompt, String version, double errorRate) {
        Optional<ProblemRecognition.Recognised> recognised = recognition.recognise(prompt);
        if (recognised.isEmpty()) {
            return new Answer(UNRECOGNISED_REPLY, Answer.Outcome.UNRECOGNISED, null, null);
        }
        ProblemRecognition.Recognised r = recognised.get();
        String correct = r.skill().solve(r.problem());
        if (!ErrorDecision.wrong(version, prompt, errorRate)) {
            return new Answer(correct, Answer.Outcome.CORRECT, r.skill().name(), null);
        }
        Problem misread = r.recognizer().slip(r.problem(), StableHash.bits("slip", version, prompt));
        return new Answer(r.skill().solve(misread), Answer.Outcome.WRONG, r.skill().name(), correct);
    }
}
