package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.domain.FaultProfile;
import java.util.List;
import java.util.stream.Collectors;

/** A fault profile that breaks a rule; the message lists every broken rule. */
public class InvalidFaultProfileException extends InvalidRequestException {

    private final transient List<FaultProfile.Violation> violations;

    public InvalidFaultProfileException(List<FaultProfile.Violation> violations) {
        super("Invalid fault profile: " + violations.stream().map(FaultProfile.Violation::message)
                .collect(Collectors.joining("; ")) + ".", violations.get(0).field());
        this.violations = List.copyOf(violations);
    }

    public List<FaultProfile.Violation> violations() {
        return violations;
    }
}
