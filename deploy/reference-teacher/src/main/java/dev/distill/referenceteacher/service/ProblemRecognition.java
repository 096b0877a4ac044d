package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tries each recognizer of a built-in skill in turn; the first that reads the prompt wins. */
@ApplicationScoped
public class ProblemRecognition {

    private final List<Recognised.Route> routes = new ArrayList<>();

    public ProblemRecognition(Instance<SkillRecognizer> recognizers) {
        SkillSuite suite = SkillSuite.builtIn();
        for (SkillRecognizer recognizer : recognizers) {
            // a recognizer for a skill the suite lacks is a programming error: fail at startup, not per request
            routes.add(new Recognised.Route(suite.get(recognizer.skill()), recognizer));
        }
    }

    public Optional<Recognised> recognise(String prompt) {
        for (Recognised.Route route : routes) {
            Optional<Problem> problem = route.recognizer().recognise(prompt);
            if (problem.isPresent()) {
                return Optional.of(new Recognised(route.skill(), route.recognizer(), problem.get()));
            }
        }
        return Optional.empty();
    }

    /** A prompt read as a problem of a skill. */
    public record Recognised(Skill skill, SkillRecognizer recognizer, Problem problem) {
        record Route(Skill skill, SkillRecognizer recognizer) {
        }
    }
}
