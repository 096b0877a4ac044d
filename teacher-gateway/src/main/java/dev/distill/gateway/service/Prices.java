package dev.distill.gateway.service;

import dev.distill.events.TeacherRef;
import dev.distill.gateway.config.GatewayConfig;
import dev.distill.gateway.domain.Price;
import jakarta.enterprise.context.ApplicationScoped;

/** Prices from configuration: {@code <teacher>@<version>} first, then {@code <teacher>}, else free. */
@ApplicationScoped
public class Prices {

    private final GatewayConfig config;

    public Prices(GatewayConfig config) {
        this.config = config;
    }

    public Price of(TeacherRef teacher) {
        var prices = config.prices();
        var price = prices.get(teacher.qualifiedVersion());
        if (price == null) {
            price = prices.get(teacher.name());
        }
        return price == null ? Price.FREE : new Price(price.promptPer1k(), price.completionPer1k());
    }
}
