package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.github.AccessToken;
import dev.ghcrdashboard.registry.RegistryClient;
import dev.ghcrdashboard.registry.RegistryCredentials;
import dev.ghcrdashboard.registry.RegistryException;
import dev.ghcrdashboard.registry.RegistryRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What is checked when a job ends: restored tags resolve again, and the package's integrity. */
@Component
record JobChecks(IntegrityCheck integrity, RegistryClient registry) {

    List<String> afterJob(Job job, List<JobItem> items, AccessToken token) {
        List<String> report = new ArrayList<>();
        if (job.kind() == JobKind.RESTORE) {
            report.addAll(restoredTags(job, items, token));
        }
        IntegrityReport check = integrity.check(job.actor(), token, job.ownerRef(), job.packageName());
        if (check.broken().isEmpty()) {
            report.add("Integrity: all " + check.tagsChecked() + (check.tagsChecked() == 1 ? " tag resolves" : " tags resolve")
                    + " to a complete image.");
        } else {
            check.broken().forEach(broken -> report.add("Integrity problem: " + broken.describe() + "."));
        }
        check.placeholders().forEach(left -> report.add("Leftover placeholder: " + left.describe()
                + "; the integrity check offers to remove it."));
        check.orphanedReferrers().forEach(left -> report.add("Referrer whose image is gone: " + left.describe()
                + "; the orphans rule removes it."));
        check.notes().forEach(note -> report.add("Note: " + note));
        return report;
    }

    private List<String> restoredTags(Job job, List<JobItem> items, AccessToken token) {
        List<String> report = new ArrayList<>();
        var repository = new RegistryRepository(job.owner(), job.packageName());
        var credentials = RegistryCredentials.user(job.actor(), token);
        for (JobItem item : items) {
            if (item.state() != ItemState.RESTORED) {
                continue;
            }
            for (String tag : item.tags()) {
                try {
                    Optional<String> now = registry.resolveTag(repository, tag, credentials);
                    if (now.isEmpty()) {
                        report.add("Tag " + tag + " does not resolve after the restore.");
                    } else if (now.get().equals(item.digest())) {
                        report.add("Tag " + tag + " resolves again to " + Digests.shortForm(item.digest()) + ".");
                    } else {
                        report.add("Tag " + tag + " was pushed again since the delete: it now points to "
                                + Digests.shortForm(now.get()) + ", so the restored " + Digests.shortForm(item.digest())
                                + " is reachable by digest only.");
                    }
                } catch (RegistryException e) {
                    report.add("Tag " + tag + " could not be checked: " + e.getMessage());
                }
            }
        }
        return report;
    }
}
