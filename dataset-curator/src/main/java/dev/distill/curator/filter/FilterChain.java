package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the configured filters in order; the first rejection decides. Unknown filter names fail startup. */
@ApplicationScoped
@Startup
public class FilterChain {

    private final List<SampleFilter> filters;

    @Inject
    public FilterChain(CuratorConfig config, @All List<SampleFilter> available) {
        this(config.filters(), available);
    }

    private FilterChain(List<String> names, Collection<SampleFilter> available) {
        this.filters = resolve(names, available);
    }

    public static FilterChain of(List<String> names, Collection<SampleFilter> available) {
        return new FilterChain(names, available);
    }

    static List<SampleFilter> resolve(List<String> names, Collection<SampleFilter> available) {
        Map<String, SampleFilter> byName = available.stream()
                .collect(Collectors.toMap(SampleFilter::name, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("two filters named " + a.name());
                }, TreeMap::new));
        return names.stream().map(String::strip).filter(name -> !name.isEmpty()).map(name -> {
            SampleFilter filter = byName.get(name);
            if (filter == null) {
                throw new IllegalStateException("distill.curator.filters names unknown filter '" + name
                        + "'; known: " + byName.keySet());
            }
            return filter;
        }).toList();
    }

    /** Runs the filters in order: the first rejection decides; a modification is what later filters see. */
    public Verdict evaluate(TeacherResponseEvent response) {
        TeacherResponseEvent sample = response;
        List<String> passed = new ArrayList<>();
        Map<String, Integer> changes = new TreeMap<>();
        for (SampleFilter filter : filters) {
            FilterResult result = filter.apply(sample);
            if (!result.accepted()) {
                return Verdict.rejectedBy(filter.name(), result, sample, passed, changes);
            }
            if (result.outcome() == FilterResult.Outcome.MODIFY) {
                sample = result.modified();
                result.changes().forEach((kind, n) -> changes.merge(kind, n, Integer::sum));
            }
            passed.add(filter.name());
        }
        for (SampleFilter filter : filters) {
            filter.accepted(sample);
        }
        return Verdict.accept(sample, passed, changes);
    }

    public List<String> names() {
        return filters.stream().map(SampleFilter::name).toList();
    }
}
