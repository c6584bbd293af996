package dev.ghcrdashboard.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** The active fault rules and how often each has matched and fired. */
final class Faults {

    private static final class Active {
        final FaultRule rule;
        final Pattern pattern;
        int matched;
        int fired;

        Active(FaultRule rule) {
            this.rule = rule;
            this.pattern = Pattern.compile(rule.pathRegex());
        }
    }

    private final List<Active> rules = new CopyOnWriteArrayList<>();

    void add(FaultRule rule) {
        rules.add(new Active(rule));
    }

    void clear() {
        rules.clear();
    }

    /** The rule that fires for this request, counting matches as it goes; null when none does. */
    synchronized FaultRule fire(String method, String pathAndQuery) {
        for (Active active : rules) {
            FaultRule rule = active.rule;
            if (rule.method() != null && !rule.method().equalsIgnoreCase(method)) {
                continue;
            }
            if (!active.pattern.matcher(pathAndQuery).find()) {
                continue;
            }
            active.matched++;
            if (active.matched > rule.afterMatches() && (rule.times() <= 0 || active.fired < rule.times())) {
                active.fired++;
                return rule;
            }
        }
        return null;
    }

    static Response answer(FaultRule rule) {
        Response response;
        if (rule.secondaryLimit()) {
            response = RestErrors.secondaryLimit();
        } else {
            String message = switch (rule.status()) {
                case 429 -> "Too Many Requests";
                case 502 -> "Server Error";
                case 503 -> "Service Unavailable";
                default -> rule.status() >= 500 ? "Server Error" : "Injected fault";
            };
            response = RestErrors.error(rule.status(), message);
        }
        if (rule.retryAfterSeconds() > 0) {
            response.setHeader("retry-after", Integer.toString(rule.retryAfterSeconds()));
        }
        return response;
    }
}
