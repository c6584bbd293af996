package dev.ghcrdashboard.policies;

import java.util.List;

/** One version in a dry run's report: what an act run would do with it ({@code delete} or {@code untag}) and why. */
record RunItem(String packageName, int seq, String action, long versionId, String digest, List<String> tags, String why) {

    RunItem {
        tags = List.copyOf(tags);
    }
}
