package dev.distill.curator.filter;

import dev.distill.events.PromptText;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Keeps one sample per prompt (after normalisation) and dataset version. The check holds a transaction-scoped
 * advisory lock on the prompt's hash, so two replicas curating the same prompt at once cannot both pass.
 */
@ApplicationScoped
public class ExactDedupFilter implements SampleFilter {

    public static final String NAME = "exact-dedup";

    private final EntityManager em;

    public ExactDedupFilter(EntityManager em) {
        this.em = em;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        String dataset = response.teacher().qualifiedVersion();
        String hash = PromptText.hash(response.messages());
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, AdvisoryKeys.of(dataset, hash))
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> first = em.createNativeQuery(
                "select prompt_id from exact_dedup where dataset_version = ?1 and prompt_hash = ?2")
                .setParameter(1, dataset).setParameter(2, hash).getResultList();
        return first.isEmpty()
                ? FilterResult.accept()
                : FilterResult.reject("duplicate", "the same prompt as " + first.get(0) + " in " + dataset);
    }

    @Override
    public void accepted(TeacherResponseEvent sample) {
        em.createNativeQuery("""
                insert into exact_dedup (dataset_version, prompt_hash, prompt_id) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, sample.teacher().qualifiedVersion())
                .setParameter(2, PromptText.hash(sample.messages()))
                .setParameter(3, sample.promptId())
                .executeUpdate();
    }
}
