package dev.distill.curator.filter;

import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Verifiers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Rejection sampling: an answer whose final answer ({@code #### <answer>}) differs from the prompt's reference is
 * not trained on. A built-in skill's own verifier is used when the response names one (a skill may compare answers
 * its own way); otherwise the generic final-answer comparison. A response without a reference (file or captured
 * prompts) has nothing to check against and passes.
 */
@ApplicationScoped
public class VerificationFilter implements SampleFilter {

    public static final String NAME = "verification";

    private final SkillSuite skills = SkillSuite.builtIn();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        Reference reference = response.reference();
        if (reference == null) {
            return FilterResult.accept();
        }
        Optional<String> answer = FinalAnswer.extract(response.completion());
        if (answer.isEmpty()) {
            return FilterResult.reject("no-final-answer", "no '" + FinalAnswer.MARKER + " <answer>' line in the completion");
        }
        boolean correct = response.skill() != null && skills.names().contains(response.skill())
                ? skills.get(response.skill()).verify(problem(response, reference), response.completion())
                : Verifiers.finalAnswerMatches(reference.answer(), response.completion());
        return correct
                ? FilterResult.accept()
                : FilterResult.reject("wrong-answer", "expected " + reference.answer() + ", got " + answer.get());
    }

    /** The problem as far as the event knows it: the question asked and the reference answer. */
    private static Problem problem(TeacherResponseEvent response, Reference reference) {
        String question = response.messages().stream().filter(m -> "user".equals(m.role()))
                .reduce((first, second) -> second).map(ChatMessage::content).orElse("");
        return new Problem(response.skill(), 0, 0, question, reference.answer());
    }
}
